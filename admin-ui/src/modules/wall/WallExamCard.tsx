import { useTranslation } from 'react-i18next';
import { useNow } from '../../components/use-now';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { examPhase, formatCountdown } from './countdown';

/** The exam fields a wall card shows. */
export const WallExamFragment = graphql(`
  fragment WallExam_exam on Exam {
    id code name startsAt endsAt expectedCandidates
  }
`);

/** The go / no-go figures a wall card shows. */
export const WallReadinessFragment = graphql(`
  fragment WallReadiness_readiness on ExamReadiness {
    go reasons warm warmWanted prewarmTarget seated expectedCandidates capacityShortfall slotsAvailable provisioning
  }
`);

/**
 * One running or upcoming exam: its name, GO / NO-GO, a countdown to its start (or its end while
 * it runs), and the warm desktops against those the pool keeps now (the target less candidates
 * seated). Only this card ticks each second.
 */
export function WallExamCard(props: { exam: FragmentType<typeof WallExamFragment>; readiness: FragmentType<typeof WallReadinessFragment> | null }) {
  const exam = useFragment(WallExamFragment, props.exam);
  const r = useFragment(WallReadinessFragment, props.readiness);
  const { t } = useTranslation('wall');
  const now = useNow();
  const phase = examPhase(exam, now);
  const verdict = r === null || r === undefined ? 'unknown' : r.go ? 'go' : 'nogo';
  return (
    <article className="wall-exam" data-verdict={verdict} data-testid="wall-exam" aria-label={exam.name}>
      <div className="wall-exam__head">
        <span className="wall-exam__name">{exam.name}</span>
        <span className="wall-exam__verdict" data-testid="wall-exam-verdict">
          {t(`exam.verdict.${verdict}`)}
        </span>
      </div>
      <div className="wall-exam__countdown" data-testid="wall-exam-countdown">
        <span className="wall-exam__countdown-label">{phase === 'upcoming' ? t('exam.startsIn') : t('exam.endsIn')}</span>
        <span className="wall-exam__countdown-value">{formatCountdown(Date.parse(phase === 'upcoming' ? exam.startsAt : exam.endsAt) - now)}</span>
      </div>
      {r && (
        <div className="wall-exam__figures">
          <span data-testid="wall-exam-warm">
            {t('exam.warm', { warm: r.warm, wanted: r.warmWanted })}
            {/* Seen from across the room: no tooltip on a wall. */}
            {r.warmWanted < r.prewarmTarget && <span> ({t('exam.warmHint', { target: r.prewarmTarget, seated: r.seated })})</span>}
          </span>
          <span>{t('exam.seated', { seated: r.seated, expected: r.expectedCandidates })}</span>
          {r.capacityShortfall > 0 && <span className="wall-exam__shortfall">{t('exam.shortfall', { count: r.capacityShortfall })}</span>}
        </div>
      )}
      {r && !r.go && r.reasons[0] && (
        <div className="wall-exam__reason" title={r.reasons.join('\n')}>
          {r.reasons[0]}
        </div>
      )}
    </article>
  );
}

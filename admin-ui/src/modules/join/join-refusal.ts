import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

/** Why joining was refused, in the candidate's words, by the API's code (exams.errors.ts, placement). */
export function useJoinRefusalText(): (e: ApiError) => { title: string; body: string } {
  const { t } = useTranslation('join');
  return (e) => {
    switch (e.code) {
      case 'EXAM_CLOSED':
        return { title: t('refusal.closed.title'), body: t('refusal.closed.body') };
      case 'FORBIDDEN':
        return { title: t('refusal.roster.title'), body: t('refusal.roster.body') };
      case 'NOT_FOUND':
        return { title: t('refusal.unknown.title'), body: t('refusal.unknown.body') };
      case 'NO_CAPACITY':
      case 'ALLOCATION_TIMEOUT':
        return { title: t('refusal.capacity.title'), body: t('refusal.capacity.body') };
      case 'NETWORK_ERROR':
        return { title: t('refusal.network.title'), body: t('refusal.network.body') };
      default:
        return { title: t('refusal.other.title'), body: e.message };
    }
  };
}

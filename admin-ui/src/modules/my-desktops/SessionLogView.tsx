import { useEffect, useRef, useState } from 'react';
import { Box, Button, Group, Switch, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { maskLog } from './log-lines';

/**
 * A desktop's log, following the tail as lines arrive (unless "Follow" is off). Passwords stay
 * masked until "Reveal passwords" is pressed.
 */
export function SessionLogView(props: { lines: readonly string[]; secret: string | null | undefined; waiting: boolean }) {
  const { t } = useTranslation('my');
  const [reveal, setReveal] = useState(false);
  const [follow, setFollow] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  const shown = maskLog(props.lines, props.secret, reveal);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again whenever lines arrive.
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [follow, props.lines.length]);

  return (
    <Box>
      <Group justify="space-between" mb={6}>
        <Switch size="xs" label={t('log.follow')} checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={reveal ? <IconEyeOff size={14} /> : <IconEye size={14} />}
          aria-pressed={reveal}
          onClick={() => setReveal((r) => !r)}
        >
          {reveal ? t('log.hidePasswords') : t('log.revealPasswords')}
        </Button>
      </Group>
      <Box
        ref={box}
        role="log"
        aria-label={t('log.label')}
        aria-live="polite"
        tabIndex={0}
        data-testid="session-log"
        style={{
          maxHeight: 260,
          minHeight: 96,
          overflow: 'auto',
          background: 'var(--mantine-color-dark-8)',
          color: 'var(--mantine-color-gray-2)',
          borderRadius: 'var(--mantine-radius-sm)',
          padding: '10px 12px',
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 12.5,
          lineHeight: 1.55,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {shown.length === 0 ? (
          <Text span c="gray.5" fz={12.5} ff="monospace">
            {props.waiting ? t('log.waiting') : t('log.empty')}
          </Text>
        ) : (
          shown.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: log lines are append-only; the index is their identity.
            <div key={i}>{line || '\u00a0'}</div>
          ))
        )}
      </Box>
    </Box>
  );
}

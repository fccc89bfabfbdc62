import { useState } from 'react';
import { ActionIcon, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { copyText } from './copy-text';

/** A value with a copy button; in `secret` mode it stays hidden until "Show" is pressed (copying works either way). */
export function CopyField(props: { label: string; value: string; secret?: boolean; monospace?: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(!props.secret);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    setCopied(await copyText(props.value));
    setTimeout(() => setCopied(null), 1500);
  };
  const copyLabel = copied === null ? t('copy.copy') : copied ? t('copy.copied') : t('copy.failed');
  return (
    <TextInput
      label={props.label}
      readOnly
      value={shown ? props.value : '••••••••••••'}
      aria-description={shown ? undefined : t('copy.hidden')}
      styles={{ input: { fontFamily: props.monospace || props.secret ? 'var(--mantine-font-family-monospace)' : undefined } }}
      rightSectionWidth={props.secret ? 96 : 44}
      rightSection={
        <Group gap={4} wrap="nowrap">
          {props.secret && (
            <Tooltip label={shown ? t('copy.hide') : t('copy.show')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => setShown((s) => !s)}
                aria-label={shown ? t('copy.hide') : t('copy.show')}
                aria-pressed={shown}
              >
                {shown ? <IconEyeOff size={16} /> : <IconEye size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={copyLabel} withArrow opened={copied !== null ? true : undefined}>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={() => void copy()} aria-label={`${t('copy.copy')} ${props.label}`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
          <Text component="span" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>
            {copied !== null ? copyLabel : ''}
          </Text>
        </Group>
      }
    />
  );
}

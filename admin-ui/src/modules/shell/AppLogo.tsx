import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconDeviceDesktopAnalytics } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The product mark and name. */
export function AppLogo(props: { size?: 'sm' | 'lg' }) {
  const { t } = useTranslation();
  const large = props.size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 40 : 30} radius="md" variant="gradient" gradient={{ from: 'brand.6', to: 'cyan.6', deg: 135 }} aria-hidden>
        <IconDeviceDesktopAnalytics size={large ? 24 : 18} />
      </ThemeIcon>
      <Text fw={700} fz={large ? 22 : 17} style={{ letterSpacing: '-0.01em' }}>
        {t('appName')}
      </Text>
    </Group>
  );
}

import { TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { listProblems, type RuleKind, type RuleProblem, ruleProblem } from './network-rules';

/**
 * A list of domains, CIDR ranges or IPs as tags, checked as the person types: the entry being
 * typed and every bad tag are marked at once with the reason, before anything is submitted.
 */
export function RuleTagsInput(props: {
  kind: RuleKind;
  label: string;
  description?: string;
  placeholder?: string;
  value: string[];
  onChange: (v: string[]) => void;
  typing: string;
  onTypingChange: (v: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('products');
  const reason = (p: RuleProblem) => t(`network.invalid.${p.key}`, p.values);
  const typingProblem = props.typing.trim() ? ruleProblem(props.kind, props.typing) : null;
  const bad = listProblems(props.kind, props.value);
  const messages = [...(typingProblem ? [`“${props.typing.trim()}”: ${reason(typingProblem)}`] : []), ...bad.map((b) => `“${b.value}”: ${reason(b.problem)}`)];
  return (
    <TagsInput
      label={props.label}
      description={props.description}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(v) => props.onChange(v.map((x) => x.trim().toLowerCase()).filter(Boolean))}
      searchValue={props.typing}
      onSearchChange={props.onTypingChange}
      splitChars={[',', ' ', ';']}
      acceptValueOnBlur
      clearable
      disabled={props.disabled}
      error={messages.length > 0 ? messages.join(' · ') : undefined}
      data-invalid-count={bad.length + (typingProblem ? 1 : 0)}
    />
  );
}

import { CloseButton, Combobox, Group, InputBase, Text, useCombobox } from '@mantine/core';

const ALL = '\u0000all';

export type FilterOption = { value: string; label: string };

/**
 * A clearable single-choice filter ("All" = no filter). Built from Mantine's Combobox rather than
 * Select so the field stays a labelled text box that opens a listbox (Select marks its input as a
 * combobox); options are real `option`s, keyboard: arrows, Enter, Escape.
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  unknownLabel,
  counts,
  onOpenChange,
}: {
  label: string;
  /** Shown when the value is not among the options (e.g. a group deleted since the link was made); the raw value otherwise. */
  unknownLabel?: string;
  value: string | null;
  options: readonly FilterOption[];
  onChange(value: string | null): void;
  /** How many athletes each option would leave given the other filters; shown beside it (0 when absent). */
  counts?: ReadonlyMap<string, number>;
  /** Told when the list opens and closes, so counts are computed only while someone looks at them. */
  onOpenChange?(open: boolean): void;
}) {
  const combobox = useCombobox({
    onDropdownOpen: () => onOpenChange?.(true),
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      onOpenChange?.(false);
    },
  });
  const selected = options.find((o) => o.value === value);
  const known = value === null || selected !== undefined;
  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(v) => {
        onChange(v === ALL ? null : v);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target targetType="button">
        <InputBase
          label={label}
          component="input"
          readOnly
          pointer
          value={selected?.label ?? (known ? '' : (unknownLabel ?? value))}
          placeholder="All"
          onClick={() => combobox.toggleDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={
            value !== null ? (
              <CloseButton
                size="sm"
                aria-label={`Clear the ${label.toLowerCase()} filter`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onChange(null)}
              />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={value !== null ? 'all' : 'none'}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={300} style={{ overflowY: 'auto' }}>
          <Combobox.Option value={ALL} active={value === null}>
            All
          </Combobox.Option>
          {options.map((o) => (
            <Combobox.Option value={o.value} key={o.value} active={o.value === value}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <span>{o.label}</span>
                {counts && (
                  <Text span size="xs" c="dimmed">
                    {(counts.get(o.value) ?? 0).toLocaleString()}
                  </Text>
                )}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

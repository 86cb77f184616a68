/** How the import dialog shows a field's value: readable, short, and never a blank that hides a change. */
import { ATHLETE_STATUSES, type AthleteStatus } from '../../shared/domain/athlete';
import type { ImportField, ImportValue } from '../../shared/domain/athlete-import';
import { STATUS_LABELS } from '../ui/format';

const MAX_SHOWN = 80;

export function formatImportValue(field: ImportField, value: ImportValue): string {
  if (value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (field === 'status' && (ATHLETE_STATUSES as readonly string[]).includes(value)) return STATUS_LABELS[value as AthleteStatus];
  const oneLine = value.replace(/\n/g, ' ⏎ ');
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

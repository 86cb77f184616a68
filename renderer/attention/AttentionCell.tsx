/**
 * The roster's attention column: the athlete's worst open signal severity and how many signals
 * are open ("Urgent · 2"), or a quiet dash. Plain elements and props, so memoised roster rows stay
 * cheap at 10,000 athletes.
 */
import type { AthleteAttention } from '../data/signals';
import classes from './AttentionCell.module.css';
import { SEVERITY_LABELS } from './SeverityBadge';

export function AttentionCell({ attention }: { attention: AthleteAttention | undefined }) {
  if (!attention) {
    return (
      <span className={classes.none} title="No open signals">
        –
      </span>
    );
  }
  const { severity, count } = attention;
  const label = `${SEVERITY_LABELS[severity]}: ${count} open ${count === 1 ? 'signal' : 'signals'}`;
  return (
    <span className={classes.badge} data-severity={severity} title={label} aria-label={label}>
      {count > 1 ? `${SEVERITY_LABELS[severity]} · ${count}` : SEVERITY_LABELS[severity]}
    </span>
  );
}

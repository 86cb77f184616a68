/** The urgent count beside "Needs attention" in the header (nothing when zero). */
import { Badge } from '@mantine/core';
import { useFollowedUrgentCount } from './useUrgentCount';

export function AttentionNavCount() {
  const count = useFollowedUrgentCount();
  if (count === 0) return null;
  return (
    <Badge color="red" size="sm" circle={count < 10} ml={6} aria-label={`${count} urgent`}>
      {count}
    </Badge>
  );
}

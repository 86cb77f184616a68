/** The last 10 activities: date, sport, name, distance, duration, pace, average heart rate and where each came from. */
import { Badge, ScrollArea, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ACTIVITY_SOURCE_LABELS, SPORT_LABELS, type Activity } from '../../../shared/domain/activity';
import { formatDistance, formatDuration, formatPace, paceSPerKm, type DistanceUnits } from '../../../shared/training/units';
import { formatDate } from '../../ui/dates';
import { Dimmed, Section } from './Section';

const dash = <Text span c="dimmed">–</Text>;

export function ActivitiesCard({ recent, total, units, action }: { recent: readonly Activity[]; total: number; units: DistanceUnits; action?: ReactNode }) {
  return (
    <Section
      id="activities"
      title="Recent activities"
      source={`The last ${Math.min(recent.length, 10)} of ${total} in the last 16 weeks · distances in ${units}, pace per ${units}`}
      action={action}
    >
      {recent.length === 0 ? (
        <Dimmed>No activities yet. Drop a file below, or connect an integration.</Dimmed>
      ) : (
        <ScrollArea type="auto">
          <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label="Recent activities" miw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Sport</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th ta="right">Distance</Table.Th>
                <Table.Th ta="right">Duration</Table.Th>
                <Table.Th ta="right">Pace</Table.Th>
                <Table.Th ta="right">Avg HR</Table.Th>
                <Table.Th>Source</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recent.map((a) => {
                const pace = paceSPerKm(a.distance_m, a.duration_s);
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.local_date, { year: false })}</Table.Td>
                    <Table.Td>{SPORT_LABELS[a.sport]}</Table.Td>
                    <Table.Td maw={220} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={a.name}>
                      {a.name || dash}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{a.distance_m === null ? dash : formatDistance(a.distance_m, units, 2)}</Table.Td>
                    <Table.Td ta="right">{formatDuration(a.duration_s)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{pace === null ? dash : formatPace(pace, units)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{a.avg_hr === null ? dash : `${a.avg_hr} bpm`}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={a.source === 'strava' ? 'orange' : a.source === 'garmin' ? 'cyan' : 'gray'} tt="none" fw={500} size="sm">
                        {ACTIVITY_SOURCE_LABELS[a.source]}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Section>
  );
}

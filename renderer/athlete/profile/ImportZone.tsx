/**
 * Drop (or pick) FIT, GPX, TCX files or an Apple Health export.xml on the profile: they are read
 * and written to this device's database at once (offline too; sync sends them later), and the
 * result of each file is listed: imported, already imported, or what is wrong with it.
 */
import { Alert, Button, Group, List, Stack, Text, UnstyledButton } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { importActivityFiles, type FileImportResult } from '../../data/activities';
import { useAstralData } from '../../data/context';
import { orgTimeZone } from '../../data/orgToday';
import { useSession } from '../../session/store';

const ACCEPT = '.fit,.gpx,.tcx,.xml';

function resultLine(r: FileImportResult): string {
  const parts: string[] = [];
  if (r.created > 0) parts.push(`${r.created} ${r.created === 1 ? 'activity' : 'activities'} imported`);
  if (r.duplicates > 0) parts.push(`${r.duplicates} already imported`);
  if (r.metrics > 0) parts.push(`${r.metrics} ${r.metrics === 1 ? 'day' : 'days'} of resting HR / HRV`);
  if (r.skipped.length > 0) parts.push(`${r.skipped.length} left out`);
  return parts.length ? parts.join(', ') : 'nothing new';
}

export function ImportZone({ athleteId }: { athleteId: string }) {
  const { db } = useAstralData();
  const zone = orgTimeZone(useSession((s) => s.org?.time_zone));
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<FileImportResult[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      setResults(await importActivityFiles(db, athleteId, files, zone));
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void run(e.dataTransfer.files);
  };

  return (
    <Stack gap="xs">
      <UnstyledButton
        onClick={() => input.current?.click()}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-label="Import activity files"
        aria-busy={busy}
        data-testid="activity-drop-zone"
        style={{
          border: `2px dashed var(--mantine-color-${over ? 'blue-6' : 'gray-4'})`,
          borderRadius: 8,
          padding: '14px 16px',
          background: over ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
          textAlign: 'center',
        }}
      >
        <Text size="sm" fw={600}>
          {busy ? 'Reading files…' : 'Drop FIT, GPX, TCX files or an Apple Health export.xml'}
        </Text>
        <Text size="xs" c="dimmed">
          or click to choose files · saved on this device at once, synced when online
        </Text>
      </UnstyledButton>
      <input ref={input} type="file" multiple accept={ACCEPT} hidden aria-label="Activity files" onChange={(e) => void run(e.currentTarget.files)} />
      {failure && <Alert color="red">Nothing was saved: {failure}</Alert>}
      {results && (
        <Stack gap={6} aria-label="Import results" role="status">
          {results.map((r, i) => (
            <Alert key={`${r.file}-${i}`} color={r.ok ? 'teal' : 'red'} p="xs" title={<Text size="sm" fw={600}>{r.file}</Text>}>
              {r.ok ? (
                <Text size="sm">{resultLine(r)}</Text>
              ) : (
                <>
                  <Text size="sm">Not imported:</Text>
                  <List size="sm" spacing={2}>
                    {r.problems.map((p, j) => (
                      <List.Item key={j}>
                        {p.where !== 'file' && <Text span c="dimmed" size="sm">{p.where}: </Text>}
                        {p.message}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Alert>
          ))}
          <Group>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setResults(null)}>
              Clear results
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

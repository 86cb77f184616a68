/**
 * Import a plan file (.plan.json, as exported): a wrong file lists everything wrong in it and
 * imports nothing; a good one becomes a new plan of the library.
 */
import { Alert, Button, FileButton, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAstralData } from '../data/context';
import { importPlan } from '../data/plans';
import { useSavedNotice } from '../ui/notify';

const MAX_FILE_BYTES = 2_000_000;

type Problem = { fileName: string; message: string; errors: string[] };

export function ImportPlanButton() {
  const { db } = useAstralData();
  const navigate = useNavigate();
  const saved = useSavedNotice();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // Cleared after each pick, so choosing the same file again (after fixing it) imports it again.
  const reset = useRef<() => void>(null);

  const importFile = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setProblem({ fileName: file.name, message: 'This file is too large to be a plan file.', errors: [] });
      return;
    }
    setBusy(true);
    try {
      const result = await importPlan(db, await file.text());
      if (result.ok) {
        saved(`Imported ${result.value.name}`);
        void navigate(`/plans/${result.value.id}`);
        return;
      }
      const errors = 'errors' in result ? result.errors : Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`);
      setProblem({ fileName: file.name, message: result.message, errors });
    } catch {
      setProblem({ fileName: file.name, message: 'The file could not be read.', errors: [] });
    } finally {
      setBusy(false);
      reset.current?.();
    }
  };

  return (
    <>
      <FileButton onChange={(f) => void importFile(f)} accept=".json,application/json" resetRef={reset}>
        {(props) => (
          <Button variant="default" loading={busy} {...props}>
            Import plan
          </Button>
        )}
      </FileButton>
      <Modal opened={problem !== null} onClose={() => setProblem(null)} title="This plan file cannot be imported" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {problem && (
          <Stack gap="md">
            <Text size="sm">
              Nothing was imported from <b style={{ overflowWrap: 'anywhere' }}>{problem.fileName}</b>.{problem.errors.length > 0 && ' What is wrong in it:'}
            </Text>
            <Alert color="red" p="sm">
              {problem.errors.length > 0 ? (
                <List size="sm" spacing={4} aria-label="Problems in the file">
                  {problem.errors.map((e) => (
                    <List.Item key={e} style={{ overflowWrap: 'anywhere' }}>
                      {e}
                    </List.Item>
                  ))}
                </List>
              ) : (
                problem.message
              )}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={() => setProblem(null)} data-autofocus>
                OK
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

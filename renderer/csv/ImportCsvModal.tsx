/**
 * Import athletes' organization attributes from a CSV file: choose a file -> preview of what each
 * row would change and what is wrong -> "Apply N changes" writes only the valid rows -> a report
 * per row. Nothing is written before the coach confirms. Props: `opened`, `onClose`. Must be
 * rendered inside the open database (usually once, through ImportCsvHost).
 */
import { Alert, Button, FileButton, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { MAX_IMPORT_BYTES, planAthleteImportFromCsv, type AthleteImportPlan } from '../../shared/domain/athlete-import';
import { useAthletes } from '../data/athletes';
import { useMyMembership } from '../data/coaches';
import { useAstralData } from '../data/context';
import { applyAthleteImport, type ImportOutcome } from '../data/rosterCsv';
import { useSession } from '../session/store';
import { plural } from '../ui/format';
import { useSavedNotice } from '../ui/notify';
import { ImportOutcomes } from './ImportOutcomes';
import { ImportPreview, ImportSummary } from './ImportPreview';

export type ImportCsvModalProps = { opened: boolean; onClose: () => void };

type Step =
  | { kind: 'choose'; error: string | null }
  | { kind: 'preview'; plan: AthleteImportPlan; fileName: string; notUtf8: boolean }
  | { kind: 'applying'; done: number; total: number }
  | { kind: 'done'; outcomes: ImportOutcome[] };

const START: Step = { kind: 'choose', error: null };

export function ImportCsvModal({ opened, onClose }: ImportCsvModalProps) {
  const { db } = useAstralData();
  const userId = useSession((s) => s.user?.id);
  const role = useMyMembership(userId)?.role;
  const saved = useSavedNotice();
  const [step, setStep] = useState<Step>(START);
  const busy = step.kind === 'applying';

  const close = () => {
    if (busy) return;
    setStep(START);
    onClose();
  };

  const chosen = (result: Chosen) =>
    setStep(result.ok ? { kind: 'preview', plan: result.plan, fileName: result.fileName, notUtf8: result.notUtf8 } : { kind: 'choose', error: result.error });

  const apply = async (plan: AthleteImportPlan) => {
    setStep({ kind: 'applying', done: 0, total: plan.summary.toUpdate });
    const outcomes = await applyAthleteImport(db, plan, role, (done, total) => setStep({ kind: 'applying', done, total }));
    setStep({ kind: 'done', outcomes });
    const updated = outcomes.filter((o) => o.status === 'updated').length;
    if (updated > 0) saved(`${plural(updated, 'athlete')} updated from CSV`);
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import athletes from CSV"
      size="80rem"
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
    >
      {step.kind === 'choose' && (
        <Stack gap="md">
          <Text size="sm">
            Updates the display name, member level, labels, status and private notes of athletes already on the roster. Each row is
            matched by its Email (or an id column). An export of the roster is the easiest file to start from. You see what would
            change before anything is saved.
          </Text>
          {step.error && (
            <Alert color="red" title="This file cannot be imported" role="alert">
              {step.error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <ChooseFileButton label="Choose a CSV file" onChosen={chosen} />
          </Group>
        </Stack>
      )}
      {step.kind === 'preview' && (
        <Stack gap="md">
          <Text size="sm" fw={500}>
            Preview of {step.fileName}: nothing has been saved yet.
          </Text>
          {step.notUtf8 && (
            <Alert color="yellow" title="Some characters could not be read">
              The file does not seem to be UTF-8 text, so accented letters may be wrong. In your spreadsheet, save it as “CSV UTF-8”.
            </Alert>
          )}
          <ImportSummary plan={step.plan} />
          <ImportPreview plan={step.plan} />
          <Group justify="space-between">
            <ChooseFileButton label="Choose another file" variant="subtle" onChosen={chosen} />
            <Group>
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button disabled={step.plan.summary.toUpdate === 0} onClick={() => void apply(step.plan)}>
                Apply {plural(step.plan.summary.toUpdate, 'change')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      {step.kind === 'applying' && (
        <Stack gap="sm" aria-live="polite">
          <Text>
            Saving {step.done.toLocaleString()} of {plural(step.total, 'athlete')}…
          </Text>
          <Progress value={step.total === 0 ? 100 : (100 * step.done) / step.total} aria-label="Import progress" />
        </Stack>
      )}
      {step.kind === 'done' && (
        <Stack gap="md">
          <ImportOutcomes outcomes={step.outcomes} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

type Chosen = { ok: true; plan: AthleteImportPlan; fileName: string; notUtf8: boolean } | { ok: false; error: string };

/**
 * Picks a file and plans its import against the roster. It lives inside the dialog's content, so
 * the roster is only subscribed to while the dialog is open.
 */
function ChooseFileButton({ label, variant, onChosen }: { label: string; variant?: string; onChosen: (result: Chosen) => void }) {
  const athletes = useAthletes();
  const choose = async (file: File | null) => {
    if (!file || !athletes) return;
    if (file.size > MAX_IMPORT_BYTES) {
      onChosen({ ok: false, error: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; at most 2 MB can be imported at once.` });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      onChosen({ ok: false, error: `${file.name} could not be read.` });
      return;
    }
    const result = planAthleteImportFromCsv(text, athletes);
    onChosen(
      result.ok
        ? { ok: true, plan: result.plan, fileName: file.name, notUtf8: text.includes('\uFFFD') }
        : { ok: false, error: `${file.name}: ${result.error.message}` },
    );
  };
  return (
    <FileButton onChange={(f) => void choose(f)} accept=".csv,text/csv">
      {(props) => (
        <Button {...props} variant={variant} disabled={athletes === undefined}>
          {label}
        </Button>
      )}
    </FileButton>
  );
}

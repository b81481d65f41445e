import { type Programme, ValidationError } from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';
import { ensureStoredProgramme, findProgramme } from '../lifecycle/views.js';

/** A cohort: a programme with a name and description, lines and indicators added later. */
export async function createCohort(
  store: Store,
  input: { key: string; name: string; description: string; trajectIds?: string[] },
  actor: string,
): Promise<Programme> {
  const lifecycle = lifecycleOf(store);
  if ((await lifecycle.listProgrammes()).some((programme) => programme.key === input.key)) {
    throw new ValidationError(`Er is al een programma met de sleutel ${JSON.stringify(input.key)}.`, [
      { path: 'key', message: 'bestaat al' },
    ]);
  }
  for (const trajectId of input.trajectIds ?? []) await store.trajects.get(trajectId, { kind: 'all' });
  return lifecycle.upsertProgramme(
    { key: input.key, name: input.name, description: input.description, trajectIds: input.trajectIds ?? [] },
    actor,
  );
}

/** Adds a traject to a programme (a demo programme is stored first). */
export async function addTrajectToProgramme(
  store: Store,
  programmeKey: string,
  trajectId: string,
  actor: string,
): Promise<Programme> {
  const programme = await findProgramme(store, programmeKey);
  await store.trajects.get(trajectId, { kind: 'all' });
  await ensureStoredProgramme(store, programme, actor);
  const { updatedAt: _updated, ...stored } = await lifecycleOf(store).getProgramme(programme.key);
  if (stored.trajectIds.includes(trajectId)) return stored;
  return lifecycleOf(store).upsertProgramme(
    { ...stored, trajectIds: [...stored.trajectIds, trajectId] },
    actor,
  );
}

import { amsterdamDate, systemClock, VisielerenError } from '@visieleren/core';
import {
  describeBlocks,
  estimateBlocks,
  failureSummary,
  initWorkspace,
  NotionGateway,
  NotionSettingsError,
  type NotionSyncPorts,
  type Operation,
  parseNotionPageId,
  readNotionSettings,
  runSync,
  type SyncEvent,
  type SyncReport,
} from '@visieleren/notion-sync';
import type { Store } from '@visieleren/store';
import { type CliIo, type Command, requireOption, UsageError } from '../cli/command.js';
import { withStore } from './with-store.js';

/** The settings from the environment; a missing token is a configuration error naming the variable. */
function settingsFrom(io: CliIo) {
  try {
    return readNotionSettings(io.env);
  } catch (error) {
    if (error instanceof NotionSettingsError) throw new VisielerenError('CONFIGURATION', error.message);
    throw error;
  }
}

/** The store's repositories as the ports the Notion sync takes: the sync never sees the store itself. */
function notionPorts(store: Store): NotionSyncPorts {
  return {
    trajects: store.trajects,
    links: store.platformLinks,
    audit: {
      async append(entry) {
        await store.audit.append(entry);
      },
    },
    changes: store.changes,
    formSubmissions: store.formSubmissions,
    clock: systemClock,
  };
}

export const notionInitCommand: Command = {
  path: ['notion', 'init'],
  summary: 'De Notion-werkruimte (gegevensbronnen voor trajecten, fasen, sessies…) aanmaken',
  help: `Gebruik: visieleren notion init --parent PAGINA-ID

Maakt onder de Notion-pagina PAGINA-ID de werkruimte uit het sjabloon: de gegevensbronnen Trajecten,
Fasen, Sessies, Checklist, Uren en VIT. Nog een keer uitvoeren verandert niets (en zegt dat); wat na een
onderbreking half af is, wordt aangevuld zonder iets dubbel te maken.

  --parent PAGINA-ID   de id of het adres van een Notion-pagina die met de integratie is gedeeld

Instellingen: NOTION_TOKEN (verplicht), NOTION_API_BASE_URL, NOTION_REQUESTS_PER_MINUTE, NOTION_TIMEOUT_MS.

Voorbeeld:
  visieleren notion init --parent https://www.notion.so/Visieleren-0f0e0d0c0b0a49088706050403020100
`,
  options: { parent: { type: 'string' } },
  async run({ values, io }) {
    const raw = requireOption(values, 'parent');
    const parentPageId = parseNotionPageId(raw);
    if (!parentPageId) {
      throw new UsageError(
        `Het argument --parent verwacht een Notion-pagina-id (32 tekens 0-9/a-f) of het adres van de pagina; nu: ${JSON.stringify(raw)}.`,
      );
    }
    const settings = settingsFrom(io);
    return withStore(io, async (store) => {
      const gateway = new NotionGateway({ settings });
      const report = await initWorkspace(gateway, store.platformLinks, parentPageId);
      const blocks = describeBlocks(
        await estimateBlocks(notionPorts(store), amsterdamDate(systemClock.now())),
      );
      // A view Notion refused again is not "complete": the person hears it on every init.
      if (report.unchanged && report.viewsRefused.length === 0) {
        io.stdout.write(
          `De Notion-werkruimte onder pagina ${parentPageId} is al compleet; er is niets gewijzigd.\n${blocks}\n`,
        );
        return 0;
      }
      const lines = [`Notion-werkruimte onder pagina ${parentPageId}:`];
      if (report.created.length > 0) lines.push(`  aangemaakt:   ${report.created.join(', ')}`);
      if (report.adopted.length > 0) lines.push(`  teruggevonden: ${report.adopted.join(', ')}`);
      for (const extended of report.extended) {
        lines.push(`  aangevuld:    ${extended.dataSource} (${extended.properties.join(', ')})`);
      }
      for (const repaired of report.repaired) {
        lines.push(`  type hersteld: ${repaired.dataSource} (${repaired.properties.join(', ')})`);
      }
      for (const refused of report.viewsRefused) {
        lines.push(`  weergave niet gemaakt (voeg die met de hand toe, zie de werkruimtepagina): ${refused}`);
      }
      lines.push(blocks, 'Volgende stap: visieleren notion sync');
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

const OPERATION_LABELS: Record<Operation['kind'], string> = {
  'pagina-aanmaken': '+ pagina aanmaken',
  'pagina-bijwerken': '~ pagina bijwerken',
  'pagina-archiveren': '- pagina archiveren',
  'pagina-overgenomen': '= pagina teruggevonden',
  'pagina-teruggezet': '↺ pagina uit de prullenbak gehaald',
  'pagina-samengevoegd': '= dubbele pagina samengevoegd',
  'blok-bijwerken': '~ dossierblok bijwerken',
  'blokken-toevoegen': '+ dossierblokken toevoegen',
  'blok-verwijderen': '- dossierblok verwijderen',
};

function describeOperation(operation: Operation): string {
  const fields = operation.fields && operation.fields.length > 0 ? ` (${operation.fields.join(', ')})` : '';
  return `  ${OPERATION_LABELS[operation.kind]}: ${operation.target}${fields}`;
}

/** A progress bar on a terminal: one line, redrawn. */
function progressBar(io: CliIo) {
  const stream = io.stderr as { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  if (!stream.isTTY) return undefined;
  return (index: number, total: number, label: string) => {
    const width = 24;
    const filled = total === 0 ? width : Math.round((index / total) * width);
    const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${index}/${total} ${label}`;
    stream.write(`\r${text.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`);
  };
}

const OVERRULED_REASONS: Record<SyncReport['overruled'][number]['reason'], string> = {
  eenrichting: 'veld komt uit Visieleren',
  'onbekende-status': 'onbekende status',
  statusstap: 'deze statusstap gaat niet via Notion',
  conflict: 'conflict, Visieleren was het nieuwst',
};

function summary(report: SyncReport): string {
  const changed = report.dryRun
    ? new Set(report.operations.map((operation) => operation.trajectId)).size
    : report.synced.filter((entry) => entry.writes > 0).length;
  const { reads, writes, rateLimited } = report.requests;
  const verb = report.dryRun ? 'zou bijwerken' : 'bijgewerkt';
  return [
    `${report.dryRun ? 'Proefdraai (er is niets geschreven)' : 'Klaar'}: ${report.synced.length} traject(en) bekeken, ${changed} ${verb}; ${report.dryRun ? `zou ${report.plannedWrites} schrijfverzoek(en) doen; ` : ''}${writes} schrijf- en ${reads} leesverzoeken${rateLimited > 0 ? `, ${rateLimited} keer gewacht op Notion (429/529)` : ''}.`,
    ...report.overruled.map(
      (entry) =>
        `In Notion teruggezet (${entry.trajectId}): ${entry.field} ${entry.notionValue} → ${entry.keptValue} (${OVERRULED_REASONS[entry.reason]}; er staat een reactie bij in Notion).`,
    ),
    describeBlocks(report.blocks, { count: report.blocks.created, dryRun: report.dryRun }),
    ...(report.recovered
      ? ['De vorige synchronisatie was onderbroken; wat die al had gemaakt is teruggevonden.']
      : []),
    ...(report.inbound.length > 0
      ? [
          `Uit Notion ${report.dryRun ? 'over te nemen' : 'overgenomen'}: ${report.inbound.length} wijziging(en).`,
        ]
      : []),
  ].join('\n');
}

export const notionSyncCommand: Command = {
  path: ['notion', 'sync'],
  summary: 'De trajectdossiers met Notion synchroniseren (beide richtingen)',
  help: `Gebruik: visieleren notion sync [--traject ID] [--dry-run] [--json]

Brengt de trajectdossiers in Notion bij: alleen wat sinds de vorige keer is veranderd, zonder iets dubbel
te maken, binnen de limieten van Notion. Wat in Notion is afgevinkt of welke status daar is gekozen, komt
terug in het traject (met een regel in het audit-log op naam van de Notion-gebruiker).

  --traject ID   alleen dit traject
  --dry-run      laat zien wat er zou veranderen en schrijft niets
  --json         één JSON-regel per gebeurtenis (voor scripts) in plaats van tekst

Eerst: visieleren notion init --parent PAGINA-ID. Instellingen: NOTION_TOKEN (verplicht),
NOTION_API_BASE_URL, NOTION_REQUESTS_PER_MINUTE (standaard 150), NOTION_TIMEOUT_MS.

Voorbeelden:
  visieleren notion sync
  visieleren notion sync --traject voorbeeld-aan-zee --dry-run
`,
  options: {
    traject: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const trajectId = typeof values.traject === 'string' ? values.traject.trim() : undefined;
    if (values.traject !== undefined && !trajectId)
      throw new UsageError('Het argument --traject verwacht een traject-id.');
    const dryRun = values['dry-run'] === true;
    const json = values.json === true;
    const settings = settingsFrom(io);
    return withStore(io, async (store) => {
      if (trajectId) await store.trajects.get(trajectId, { kind: 'all' });
      const bar = json ? undefined : progressBar(io);
      const onEvent = (event: SyncEvent) => {
        if (json) {
          if (event.type === 'end') {
            const { operations, ...rest } = event.report;
            if (dryRun)
              for (const operation of operations)
                io.stdout.write(`${JSON.stringify({ type: 'operation', ...operation })}\n`);
            io.stdout.write(`${JSON.stringify({ type: 'end', ...rest })}\n`);
          } else io.stdout.write(`${JSON.stringify(event)}\n`);
          return;
        }
        if (event.type === 'traject') bar?.(event.index, event.total, event.name);
        if (event.type === 'end' && bar) io.stderr.write('\n');
      };
      const report = await runSync({
        ports: notionPorts(store),
        gateway: new NotionGateway({ settings }),
        ...(trajectId ? { trajectId } : {}),
        dryRun,
        onEvent,
      });
      if (!json) {
        const lines: string[] = [];
        if (dryRun) {
          const byTraject = new Map<string, Operation[]>();
          for (const operation of report.operations) {
            byTraject.set(operation.trajectId, [...(byTraject.get(operation.trajectId) ?? []), operation]);
          }
          for (const [id, operations] of byTraject)
            lines.push(`${id}:`, ...operations.map(describeOperation));
          if (byTraject.size === 0) lines.push('Niets te doen: Notion is bij.');
        }
        for (const change of report.inbound) {
          lines.push(
            `Uit Notion (${change.actor}): ${change.trajectId} ${change.field === 'status' ? 'status' : `checklist ${change.itemId}`} → ${String(change.value)}${change.conflict ? ` (conflict: ${change.conflict.kept === 'notion' ? 'Notion' : 'Visieleren'} was het nieuwst; de andere waarde staat in het audit-log)` : ''}`,
          );
        }
        lines.push(summary(report));
        io.stdout.write(`${lines.join('\n')}\n`);
      }
      if (!report.ok) {
        // Named by traject and by property; the audit log has the same (notion.sync.failed).
        io.stderr.write(`${failureSummary(report)}\n`);
        return 1;
      }
      return 0;
    });
  },
};

export const notionCommands: Command[] = [notionInitCommand, notionSyncCommand];

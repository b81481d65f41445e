import type { PlatformLinkPort } from '@visieleren/core';
import type { NotionGateway, NotionObject } from '../client/gateway.js';
import type { PropertyValue } from '../render/properties.js';
import { decodeId } from '../render/read-properties.js';
import {
  DATA_SOURCE_KEYS,
  type DataSourceKey,
  dataSourceTemplate,
  PROPERTY_TYPE_LABELS,
} from '../workspace-template.js';
import { updateLinkPayload, WORKSPACE_LINK } from './link-state.js';
import type { Workspace, WorkspacePayload } from './workspace-state.js';

/**
 * Properties by id. People rename columns in Notion ("Gedaan" → "Klaar"); Notion keeps a property's id, so
 * the sync writes and reads by the ids recorded when the workspace was made. A property someone deleted or
 * gave another type is reported by its name, and the sync goes on without it.
 */

/** Per data source: our (template) property name → Notion's property id. */
export type PropertyIds = Partial<Record<DataSourceKey, Record<string, string>>>;

export interface SchemaProblem {
  dataSource: string;
  /** The property's name in our template. */
  property: string;
  kind: 'verwijderd' | 'ander-type' | 'ontbreekt';
  /** Its name in Notion now, when it still exists. */
  currentName?: string;
  /** Its type in Notion now, for `ander-type`. */
  currentType?: string;
  message: string;
}

/** A data source's properties as Notion returns them (keyed by name, each with its id and type). */
export function propertiesOf(source: NotionObject): Array<{ id: string; name: string; type: string }> {
  return Object.entries((source.properties ?? {}) as Record<string, { id: string; type: string }>).map(
    ([name, property]) => ({ id: property.id, name, type: property.type }),
  );
}

export function sameId(a: string, b: string): boolean {
  return a === b || decodeId(a) === decodeId(b);
}

export class WorkspaceSchema {
  readonly #ids: PropertyIds;
  readonly problems: SchemaProblem[];
  readonly #broken: Set<string>;

  constructor(ids: PropertyIds, problems: SchemaProblem[] = []) {
    this.#ids = ids;
    this.problems = problems;
    this.#broken = new Set(problems.map((problem) => `${problem.dataSource}\u0000${problem.property}`));
  }

  /** The Notion id of one of our properties, or undefined when it cannot be used now. */
  idOf(key: DataSourceKey, name: string): string | undefined {
    const title = dataSourceTemplate(key).title;
    if (this.#broken.has(`${title}\u0000${name}`)) return undefined;
    return this.#ids[key]?.[name];
  }

  /** Our property values keyed by Notion's ids; properties that cannot be used now are left out. */
  toNotion(key: DataSourceKey, properties: Record<string, PropertyValue>): Record<string, PropertyValue> {
    const out: Record<string, PropertyValue> = {};
    for (const [name, value] of Object.entries(properties)) {
      const id = this.idOf(key, name);
      if (id) out[id] = value;
    }
    return out;
  }

  /** The value of one of our properties on a page Notion returned (found by id, whatever its name now). */
  valueOf(page: NotionObject, key: DataSourceKey, name: string): Record<string, unknown> | undefined {
    const id = this.idOf(key, name);
    if (!id) return undefined;
    const properties = (page.properties ?? {}) as Record<string, Record<string, unknown> & { id?: string }>;
    return Object.values(properties).find((value) => value.id !== undefined && sameId(value.id, id));
  }

  /** The page's properties keyed by id, to compare with what we sent (keyed by id). */
  static byId(page: NotionObject): Record<string, unknown> {
    const properties = (page.properties ?? {}) as Record<string, Record<string, unknown> & { id?: string }>;
    return Object.fromEntries(Object.values(properties).map((value) => [String(value.id), value]));
  }
}

/**
 * Reads each data source's schema once per run, checks our properties against it by id, and returns the
 * schema to write and read with. A workspace made before ids were recorded has them looked up by name once
 * and recorded (not in a dry run).
 */
export async function loadSchema(
  gateway: NotionGateway,
  links: PlatformLinkPort,
  workspace: Workspace,
  options: { record: boolean },
): Promise<WorkspaceSchema> {
  const recorded: PropertyIds = structuredClone(workspace.payload.properties ?? {});
  const problems: SchemaProblem[] = [];
  let learned = false;
  for (const key of DATA_SOURCE_KEYS) {
    const dataSourceId = workspace.payload.dataSources[key];
    if (!dataSourceId) continue;
    const template = dataSourceTemplate(key);
    const present = propertiesOf(await gateway.retrieveDataSource(dataSourceId));
    const ids = recorded[key] ?? {};
    if (!recorded[key]) {
      // Initialised before ids were recorded: the names still match the template (or the sync failed).
      for (const name of Object.keys(template.properties)) {
        const match = present.find((property) => property.name === name);
        if (match) ids[name] = match.id;
      }
      recorded[key] = ids;
      learned = true;
    }
    for (const [name, schema] of Object.entries(template.properties)) {
      const id = ids[name];
      const current = id ? present.find((property) => sameId(property.id, id)) : undefined;
      if (!id) {
        problems.push({
          dataSource: template.title,
          property: name,
          kind: 'ontbreekt',
          message: `${template.title}: de eigenschap "${name}" ontbreekt; voer "visieleren notion init" uit om haar toe te voegen.`,
        });
      } else if (!current) {
        problems.push({
          dataSource: template.title,
          property: name,
          kind: 'verwijderd',
          message: `${template.title}: de eigenschap "${name}" is in Notion verwijderd; Visieleren schrijft en leest haar niet meer. "visieleren notion init" zet haar terug.`,
        });
      } else if (current.type !== schema.type) {
        problems.push({
          dataSource: template.title,
          property: name,
          kind: 'ander-type',
          currentName: current.name,
          currentType: current.type,
          message: `${template.title}: de eigenschap "${current.name}"${current.name === name ? '' : ` (was "${name}")`} is nu van het type ${PROPERTY_TYPE_LABELS[current.type] ?? current.type} in plaats van ${PROPERTY_TYPE_LABELS[schema.type] ?? schema.type}; Visieleren schrijft en leest haar niet meer. Zet het type terug, of laat "visieleren notion init" dat doen.`,
        });
      }
    }
  }
  if (learned && options.record) {
    const written = await updateLinkPayload<WorkspacePayload>(
      links,
      WORKSPACE_LINK,
      workspace.parentPageId,
      (payload) => ({ ...payload, properties: { ...recorded, ...(payload.properties ?? {}) } }),
    );
    workspace.payload = written.payload as unknown as WorkspacePayload;
  }
  return new WorkspaceSchema(recorded, problems);
}

import { isVisielerenError, normaliseEmail, type PlatformLinkPort } from '@visieleren/core';
import type { NotionGateway } from './client/gateway.js';
import { prop } from './render/properties.js';
import { propertiesLanded } from './render/read-properties.js';
import { PAGE_LINK, type PagePayload, pagePayload } from './sync/link-state.js';
import { NOTION_SYNC_ACTOR } from './sync/ports.js';
import { findWorkspace, type Workspace } from './sync/workspace-state.js';
import { TRAJECT_PROPERTIES } from './workspace-template.js';

/**
 * AVG: removes a person from the Notion dossiers. The contact person's name and e-mail address are the
 * only personal data we write to Notion; they are emptied on every traject row that names the person,
 * found through the links (participantKey) and, for rows a crash left unlinked, by asking Notion.
 */
export async function forgetInNotion(
  gateway: NotionGateway,
  links: PlatformLinkPort,
  email: string,
): Promise<{ removed: number }> {
  const key = normaliseEmail(email);
  let workspace: Workspace;
  try {
    workspace = await findWorkspace(links);
  } catch (error) {
    if (isVisielerenError(error) && error.code === 'CONFIGURATION') return { removed: 0 };
    throw error;
  }
  // By property id when recorded (people may have renamed the columns), else by our name.
  const ids = workspace.payload.properties?.trajecten ?? {};
  const idOf = (name: string) => ids[name] ?? name;
  const linked = await links.listForParticipant(key, PAGE_LINK);
  const found = await gateway.queryDataSource(workspace.payload.dataSources.trajecten, {
    filter: { property: idOf(TRAJECT_PROPERTIES.contactEmail), email: { equals: key } },
  });
  const pageIds = new Set([...linked.map((link) => link.externalId), ...found.map((page) => page.id)]);
  const erase = {
    [idOf(TRAJECT_PROPERTIES.contact)]: prop.text(undefined),
    [idOf(TRAJECT_PROPERTIES.contactEmail)]: prop.email(undefined),
  };
  for (const pageId of pageIds) {
    await gateway.updatePage(pageId, { properties: erase }, (page) => propertiesLanded(erase, page));
  }
  for (const link of linked) {
    // The link no longer names the person; the next sync writes the row from the store afresh.
    const { hash: _stale, ...payload } = pagePayload(link) as PagePayload & { fields?: unknown };
    await links.link(
      {
        kind: PAGE_LINK,
        externalId: link.externalId,
        ...(link.trajectId ? { trajectId: link.trajectId } : {}),
        payload: { ...payload, fields: {} } as unknown as Record<string, unknown>,
      },
      NOTION_SYNC_ACTOR,
    );
  }
  return { removed: pageIds.size };
}

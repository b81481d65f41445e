import type { BlockObjectRequest } from '@notionhq/client';
import { contentHash } from './hash.js';
import { plainText, type RichTextItem, richText, richTextRuns } from './rich-text.js';

/** The block types a dossier uses. Each has one rich-text field; to-dos also a checked state. */
export type DossierBlockType = 'heading_3' | 'paragraph' | 'bulleted_list_item' | 'to_do';

export interface DossierBlock {
  /** Stable key within the dossier: `plan`, `todo:<item id>`… */
  key: string;
  type: DossierBlockType;
  richText: RichTextItem[];
  checked?: boolean;
}

/** What identifies a block's content, the same whether rendered by us or read back from Notion. */
export interface BlockSignature {
  type: string;
  text: string;
  checked?: boolean;
}

export function heading(key: string, text: string): DossierBlock {
  return { key, type: 'heading_3', richText: richText(text) };
}

export function paragraph(key: string, lines: string[], label?: string): DossierBlock {
  const runs = label ? [{ text: `${label}\n`, bold: true }] : [];
  return { key, type: 'paragraph', richText: richTextRuns([...runs, { text: lines.join('\n') }]) };
}

export function todo(key: string, text: string, checked: boolean): DossierBlock {
  return { key, type: 'to_do', richText: richText(text), checked };
}

/** The block as an append or create request wants it. */
export function blockForNotion(block: DossierBlock): BlockObjectRequest {
  return { object: 'block', type: block.type, [block.type]: blockBody(block) } as BlockObjectRequest;
}

/** The body of a block update (same type). */
export function blockBody(block: DossierBlock): Record<string, unknown> {
  return {
    rich_text: block.richText,
    ...(block.type === 'to_do' ? { checked: block.checked === true } : {}),
  };
}

export function signatureOf(block: DossierBlock): BlockSignature {
  return {
    type: block.type,
    text: block.richText.map((item) => item.text.content).join(''),
    ...(block.type === 'to_do' ? { checked: block.checked === true } : {}),
  };
}

/** The signature of a block as Notion returns it. */
export function signatureOfNotionBlock(block: Record<string, unknown>): BlockSignature {
  const type = String(block.type);
  const body = (block[type] ?? {}) as { rich_text?: unknown; checked?: unknown };
  return {
    type,
    text: plainText(body.rich_text),
    ...(type === 'to_do' ? { checked: body.checked === true } : {}),
  };
}

export function blockHash(block: DossierBlock | BlockSignature): string {
  return contentHash('richText' in block ? signatureOf(block) : block);
}

/**
 * Block Kit limits that a modal must respect; Slack rejects the whole view (`invalid_arguments`) when one
 * is exceeded. Each number has its source; checked 2026-11 against docs.slack.dev.
 */
export const SLACK_LIMITS = {
  /** Modal view: "blocks … Max of 100 blocks" (docs.slack.dev/reference/views/modal-views). */
  blocksPerView: 100,
  /** Modal view: title "max length of 24 characters" (same page). */
  titleLength: 24,
  /** Modal view: submit and close "Max length of 24 characters" (same page). */
  buttonTextLength: 24,
  /** Modal view: private_metadata "Max length of 3000 characters" (same page). */
  privateMetadataLength: 3000,
  /** Modal view: callback_id "Max length of 255 characters" (same page; @slack/types views.d.ts). */
  callbackIdLength: 255,
  /** Input block: label "Maximum length for the text in this field is 2000 characters" (reference/block-kit/blocks/input-block). */
  labelLength: 2000,
  /** Input block: hint, 2000 characters (same page). */
  hintLength: 2000,
  /** block_id on every block and action_id on every element: 255 characters (blocks and block-elements reference). */
  idLength: 255,
  /** Header block: plain_text, 150 characters (reference/block-kit/blocks/header-block). */
  headerLength: 150,
  /** Section and context text objects: 3000 characters (reference/block-kit/blocks/section-block; docs/platform-limits.md §2.3). */
  sectionTextLength: 3000,
  /** Placeholder of inputs and selects: 150 characters (block-elements reference). */
  placeholderLength: 150,
  /** Option object: text 75 characters, value 150 (reference/block-kit/composition-objects/option-object). */
  optionTextLength: 75,
  optionValueLength: 150,
  /** static_select / multi_static_select: "Maximum number of options is 100" (select-menu-element). */
  selectOptions: 100,
  /** radio_buttons and checkboxes: at most 10 options (radio-button-group-element, checkboxes-element). */
  radioOrCheckboxOptions: 10,
  /** plain_text_input max_length: at most 3000 characters (plain-text-input-element). */
  textInputLength: 3000,
} as const;

/** Shortens text to a limit with an ellipsis, counting code points as Slack does for these fields. */
export function truncate(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

export function length(text: string): number {
  return [...text].length;
}

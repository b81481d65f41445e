import type { Command } from '../cli/command.js';
import { dbMigrateCommand } from './db.js';
import { duoPlanCommand } from './duo.js';
import { exportCommand } from './export.js';
import { forgetCommand } from './forget.js';
import { formsLinkCommand, formsListCommand, formsRenderCommand } from './forms.js';
import { jobsListCommand, jobsRetryCommand } from './jobs.js';
import { lessenAddCommand, lessenListCommand, lessenShowCommand } from './lessen.js';
import { notionCommands } from './notion.js';
import { openapiCommand } from './openapi.js';
import { planCommand } from './plan.js';
import { programmaListCommand, programmaMetingCommand, programmaShowCommand } from './programmas.js';
import { remindersDueCommand } from './reminders.js';
import { serveCommand } from './serve.js';
import { slackManifestCommand } from './slack.js';
import { teamsCommands } from './teams.js';
import { templatesCommand } from './templates.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token.js';
import { trajectCreateCommand, trajectListCommand, trajectShowCommand } from './traject.js';
import { vitQuestionsCommand, vitScoreCommand } from './vit.js';

/**
 * Every `visieleren` command, in the order `--help` lists them.
 * Each lives in its own file in this folder.
 */
export const commands: Command[] = [
  serveCommand,
  trajectListCommand,
  trajectShowCommand,
  trajectCreateCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  remindersDueCommand,
  dbMigrateCommand,
  exportCommand,
  forgetCommand,
  templatesCommand,
  planCommand,
  lessenListCommand,
  lessenShowCommand,
  lessenAddCommand,
  programmaListCommand,
  programmaShowCommand,
  programmaMetingCommand,
  vitQuestionsCommand,
  vitScoreCommand,
  duoPlanCommand,
  formsListCommand,
  formsRenderCommand,
  formsLinkCommand,
  jobsListCommand,
  jobsRetryCommand,
  openapiCommand,
  ...notionCommands,
  slackManifestCommand,
  ...teamsCommands,
];

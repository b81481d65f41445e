import type { PluginActivation, PluginSetting } from './plugin.js';

/**
 * The usual on/off rule: on when every required setting is present. The reason names what is missing, in
 * Dutch, and never a value (settings may be secrets).
 */
export function activationFromSettings(
  settings: readonly PluginSetting[],
  env: Readonly<Record<string, string | undefined>>,
  onReason = 'aan',
): PluginActivation {
  const required = settings.filter((setting) => setting.required);
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  const missing = required.filter((setting) => !present(setting.name)).map((setting) => setting.name);
  if (missing.length === 0) return { enabled: true, reason: onReason };
  const verb = missing.length > 1 ? 'ontbreken' : 'ontbreekt';
  const rest = missing.length < required.length ? ' (de rest is gezet)' : '';
  return { enabled: false, reason: `uit — ${missing.join(' en ')} ${verb}${rest}` };
}

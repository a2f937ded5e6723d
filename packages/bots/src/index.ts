// Public API of @parley/bots: definitions, the interpreter and the demo bot.
export {
  botDefinitionSchema,
  parseBotDefinition,
  localizedSchema,
  stepSchema,
  scenarioSchema,
  type BotDefinition,
  type BotDefinitionInput,
  type BotScenario,
  type BotStep,
  type Localized,
} from './definition/bot-definition.schema.js';
export { pick, render, readPath, fillSecrets, type TemplateScope } from './definition/localized.js';
export { compileBot, type CompiledBot } from './nlu/compile-bot.js';
export { BUILTIN, wantsHuman, smallTalkOf, type BuiltinIntent } from './nlu/builtin-intents.js';
export {
  initialBotState,
  type BotState,
  type BotInput,
  type BotAction,
  type BotBlock,
  type BotButton,
  type HandoffSummary,
  type CsatLevel,
  type OtpState,
  type StepResult,
} from './interpreter/bot-state.js';
export { step } from './interpreter/step.js';
export { takenOverState } from './interpreter/handoff-summary.js';
export { slowDownMessage } from './interpreter/slow-down.js';
export { runTurn, type BotPorts } from './interpreter/run-turn.js';
export type { BotActivity, BotRepository, BotVersion, BotVersionAuthor, BotVersionSummary, CsatCounts, StoredBot } from './bot.repository.port.js';
export { LUMI_BOT, DEMO_BACKOFFICE_ORDERS, demoOrder, demoAddressChange, type DemoAddressChange } from './demo/lumi-bot.js';
export { createOtpChallenge, verifyOtpCode, isOtpExpired, extractOtpCode, maskAddress, redactOtp, type OtpChallenge } from './interpreter/otp.js';
export { botStateSchema } from './interpreter/bot-state.schema.js';
export { consoleOtpCode, createConsoleOtpChallenge } from './interpreter/otp.js';
export { runConsoleTurn, type ConsoleTurn, type ConsoleDecision, type ConsoleHttpCall, type ConsoleNote, type ConsolePorts } from './console/console-turn.js';
export { parseRasaNlu } from './import/rasa-nlu.js';
export { parseDialogflowAgent } from './import/dialogflow-agent.js';
export { readZip } from './import/zip-reader.js';
export { mergeImportedIntents, type ImportReport } from './import/merge-intents.js';
export type { ImportedIntent, ImportSkip, IntentImport } from './import/imported-intents.js';
export { definitionToYaml, parseDefinitionYaml } from './definition/definition-yaml.js';

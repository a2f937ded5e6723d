export { BOT_TURN_QUEUE, type BotServices, type BotTurnPayload } from './bot-deps.js';
export { requestBotTurnOnInbound } from './request-bot-turn.js';
export { botTurnJob, FALLBACK_OUTCOMES, type BotTurnOutcome } from './bot-turn.job.js';
export {
  listBots,
  getBot,
  createBot,
  updateBot,
  publishBot,
  attachBotToChannel,
  getBotStats,
  setBotSecrets,
  listBotVersions,
  getBotVersion,
  restoreBotVersion,
  type BotStats,
} from './bot-admin.flows.js';
export { sendOtpJob, BOT_OTP_QUEUE, type SendOtpPayload } from './send-otp.job.js';
export { ensureDemoBot } from './ensure-demo-bot.js';
export { runBotConsole } from './bot-console.flow.js';
export { importBotIntents, type IntentImportFormat } from './bot-import.flow.js';

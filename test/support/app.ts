// Starts the real application (startApp: database, bot, HTTP, runner or webhook) against
// the local Bot API emulator, on a fresh test database.
import { createServer } from "node:net";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startApp, type App, type StartOptions } from "../../src/main.js";
import { BotApiEmulator } from "./bot-api-emulator.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import { LogCapture, TEST_BOT_INFO, TEST_KEY } from "./harness.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  app: App;
  emulator: BotApiEmulator;
  db: TestDatabase;
  logs: LogCapture;
  /** Moves the app's clock to `moment` (it runs on at real speed from there): weeks and quarters in one test. */
  travelTo(moment: Date): void;
  /** Stops the app (keeps emulator and database) — to test restarts. */
  stopApp(): Promise<void>;
  /** Starts the app again on the same database and emulator. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Monday 2 March 2026, 10:00 in Almaty: inside working hours, so invitations go out. */
export const TEST_APP_EPOCH = new Date("2026-03-02T05:00:00Z");

export async function startTestApp(
  options: { mode?: "polling" | "webhook"; env?: Record<string, string>; emulator?: BotApiEmulator; epoch?: Date; pollingConflict?: StartOptions["pollingConflict"] } = {},
): Promise<RunningApp> {
  // The app's clock starts at a fixed working-day morning and runs at real speed.
  let realStart = Date.now();
  let epoch = options.epoch ?? TEST_APP_EPOCH;
  const now = () => new Date(epoch.getTime() + (Date.now() - realStart));
  const emulator = options.emulator ?? (await BotApiEmulator.start({ botInfo: TEST_BOT_INFO }));
  const db = await createTestDatabase();
  const logs = new LogCapture();
  const port = await freePort();
  const env: Record<string, string> = {
    BOT_TOKEN: "123456:TEST-token-for-the-emulator-only",
    DATABASE_URL: db.url,
    ENCRYPTION_KEY: TEST_KEY.toString("hex"),
    TELEGRAM_API_ROOT: emulator.apiRoot,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: String(port),
    LOG_LEVEL: "debug",
    ...(options.mode === "webhook" ? { BOT_MODE: "webhook", WEBHOOK_URL: `http://127.0.0.1:${port}/tg/hook`, WEBHOOK_SECRET: "test_secret_token_1234" } : {}),
    ...options.env,
  };
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.errors.join("; "));
  const start = () => startApp(result.config, { logger: createLogger("debug", logs), botInfo: TEST_BOT_INFO, scheduler: false, announce: () => undefined, now, ...(options.pollingConflict ? { pollingConflict: options.pollingConflict } : {}) });
  const running: RunningApp = {
    app: await start(),
    emulator,
    db,
    logs,
    travelTo(moment: Date) {
      if (moment.getTime() < now().getTime()) throw new Error("travelTo: the clock only moves forward");
      realStart = Date.now();
      epoch = moment;
    },
    async stopApp() {
      await running.app.stop();
    },
    async restart() {
      running.app = await start();
    },
    async close() {
      await running.app.stop();
      if (!options.emulator) await emulator.stop();
      await db.destroy();
    },
  };
  return running;
}

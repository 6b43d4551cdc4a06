// HTTP endpoints: /healthz (database reachable), /metrics (Prometheus) and, in webhook
// mode, the webhook path that checks Telegram's secret-token header (grammY does).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

export interface HttpOptions {
  host: string;
  port: number;
  metrics: Metrics;
  logger: Logger;
  health: () => Promise<Record<string, unknown>>;
  webhook?: { path: string; handler: (req: IncomingMessage, res: ServerResponse) => unknown };
}

export interface HttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpOptions): Promise<HttpServer> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    try {
      if (req.method === "GET" && path === "/healthz") {
        try {
          const details = await options.health();
          send(res, 200, "application/json", JSON.stringify({ status: "ok", ...details }));
        } catch (error) {
          options.logger.error({ event: "health_failed", message: (error as Error).message }, "health check failed");
          send(res, 503, "application/json", JSON.stringify({ status: "unavailable" }));
        }
        return;
      }
      if (req.method === "GET" && path === "/metrics") {
        send(res, 200, options.metrics.registry.contentType, await options.metrics.registry.metrics());
        return;
      }
      if (options.webhook && path === options.webhook.path) {
        if (req.method !== "POST") return send(res, 405, "text/plain", "method not allowed");
        await options.webhook.handler(req, res);
        return;
      }
      send(res, 404, "text/plain", "not found");
    } catch (error) {
      options.logger.error({ event: "http_failed", message: (error as Error).message }, "http handler failed");
      if (!res.headersSent) send(res, 500, "text/plain", "internal error");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}

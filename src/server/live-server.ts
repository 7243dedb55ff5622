import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";
import { CLOSE_CODES, LIVE_INFO_PATH, LIVE_PATH, type LiveServerInfo } from "../live/live-protocol";
import { isRoomId } from "../live/room-id";
import { addressOf, Room, type RoomLimits, rememberAddress } from "./room";
import { RoomLog } from "./room-log";
import type { ServerLog } from "./server-log";
import { respond, SECURITY_HEADERS, serveStatic } from "./static-files";

export interface LiveServerOptions {
  /** 0 takes a free port; read it back from `port` on the result. */
  port: number;
  host: string;
  /** Rooms persist here, one directory each. */
  dataDir: string;
  /** The editor's production build (index.html and assets/). */
  distDir: string;
  /** When set, a websocket must bring `?key=<key>` or is closed with 4401. */
  key?: string;
  log: ServerLog;
  /** Largest websocket message accepted, in bytes (default 4 MB). */
  maxMessageBytes?: number;
  /** Open websockets allowed from one address (default 64). */
  maxConnectionsPerAddress?: number;
  /** Open websockets allowed in all (default 2,000). */
  maxConnections?: number;
  limits?: Partial<RoomLimits>;
  /** Keep-alive ping interval in ms (default 30 s): a connection that misses a pong is dropped. */
  pingIntervalMs?: number;
}

export interface LiveServer {
  readonly port: number;
  readonly host: string;
  /** Rooms loaded now (someone is connected). */
  readonly rooms: ReadonlyMap<string, Room>;
  /** Closes every connection, compacts and closes every room, stops listening. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxConnectionsPerAddress: 64,
  maxConnections: 2_000,
  compactBytes: 1024 * 1024,
  maxRoomBytes: 64 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  pingIntervalMs: 30_000,
} as const;

/**
 * `handoff serve`'s server: the editor's production build and live rooms on one port. Rooms
 * speak the standard y-websocket protocol (Yjs sync and awareness) at `/live/<roomId>`; every
 * accepted update is on disk before it is broadcast (room-log.ts); every update is checked to
 * leave a valid map (room.ts). Bad input ends the connection that sent it, never the server or
 * another room.
 */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const log = options.log;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULTS.maxMessageBytes;
  const perAddress = options.maxConnectionsPerAddress ?? DEFAULTS.maxConnectionsPerAddress;
  const maxConnections = options.maxConnections ?? DEFAULTS.maxConnections;
  const limits: RoomLimits = {
    compactBytes: options.limits?.compactBytes ?? DEFAULTS.compactBytes,
    maxRoomBytes: options.limits?.maxRoomBytes ?? DEFAULTS.maxRoomBytes,
    maxBufferedBytes: options.limits?.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
  };
  const keyDigest = options.key === undefined ? null : digest(options.key);
  const rooms = new Map<string, Room>();
  const perAddressCount = new Map<string, number>();
  const warnedAddresses = new Set<string>();
  let open = 0;
  let closing = false;

  const info: LiveServerInfo = { version: 1, keyRequired: options.key !== undefined };
  const http: Server = createServer((request, response) => {
    const pathname = (request.url ?? "/").split("?")[0];
    if (pathname === LIVE_INFO_PATH) {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
      });
      response.end(JSON.stringify(info));
      return;
    }
    if (pathname?.startsWith(`${LIVE_PATH}/`)) {
      respond(response, 426, "this is a websocket endpoint", { Upgrade: "websocket" });
      return;
    }
    serveStatic(request, response, options.distDir);
  });
  // Slow or idle HTTP clients must not hold sockets forever.
  http.requestTimeout = 30_000;
  http.headersTimeout = 20_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });

  http.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const address = request.socket.remoteAddress ?? "unknown";
    const url = new URL(request.url ?? "/", "http://localhost");
    if (closing) return reject(socket, 503, "Service Unavailable");
    if (!url.pathname.startsWith(`${LIVE_PATH}/`)) return reject(socket, 404, "Not Found");
    const count = perAddressCount.get(address) ?? 0;
    if (count >= perAddress) {
      // Said once per burst, not once per refused socket.
      if (!warnedAddresses.has(address))
        log.warn(`refused connections from ${address}: more than ${perAddress} open at once`);
      warnedAddresses.add(address);
      return reject(socket, 429, "Too Many Requests");
    }
    if (open >= maxConnections) return reject(socket, 503, "Service Unavailable");
    perAddressCount.set(address, count + 1);
    open++;
    wss.handleUpgrade(request, socket, head, (conn) => {
      rememberAddress(conn, address);
      conn.on("close", () => {
        open--;
        const left = (perAddressCount.get(address) ?? 1) - 1;
        if (left <= 0) perAddressCount.delete(address);
        else perAddressCount.set(address, left);
        if (left < perAddress) warnedAddresses.delete(address);
      });
      accept(conn, url);
    });
  });

  /** The last person left and the room's writes are done: save it as a snapshot and let it go. */
  function unload(room: Room): void {
    if (closing || rooms.get(room.id) !== room) return;
    rooms.delete(room.id);
    try {
      room.close();
    } catch (error) {
      log.warn(`room ${room.label}: could not be compacted: ${(error as Error).message}`);
    }
    log.info(`room ${room.label} closed (nobody left)`);
  }

  function accept(conn: WebSocket, url: URL): void {
    conn.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH")
        log.warn(
          `refused a message larger than the ${formatBytes(maxMessageBytes)} limit from ${addressOf(conn)}; connection closed`,
        );
      else log.warn(`connection from ${addressOf(conn)}: ${error.message}`);
    });
    const roomId = url.pathname.slice(LIVE_PATH.length + 1);
    if (!isRoomId(roomId)) {
      conn.close(CLOSE_CODES.badRoomId, "room ids are 22 to 64 characters of A-Z a-z 0-9 - _");
      return;
    }
    if (keyDigest !== null) {
      const given = url.searchParams.get("key");
      if (given === null || !timingSafeEqual(digest(given), keyDigest)) {
        log.warn(`refused a connection from ${addressOf(conn)}: ${given === null ? "no key" : "wrong key"}`);
        conn.close(CLOSE_CODES.keyRequired, given === null ? "a key is required" : "wrong key");
        return;
      }
    }
    let room = rooms.get(roomId);
    if (room === undefined) {
      try {
        room = new Room(roomId, new RoomLog(options.dataDir, roomId), limits, log, unload);
      } catch (error) {
        log.warn(`room ${roomId.slice(0, 6)}…: could not be opened: ${(error as Error).message}`);
        conn.close(1011, "the room could not be opened");
        return;
      }
      rooms.set(roomId, room);
      log.info(`room ${room.label} opened`);
    }
    const joined = room;
    let alive = true;
    conn.on("pong", () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) {
        conn.terminate();
        return;
      }
      alive = false;
      conn.ping();
    }, options.pingIntervalMs ?? DEFAULTS.pingIntervalMs);
    conn.on("message", (data, isBinary) => {
      if (!isBinary) {
        joined.leave(conn);
        conn.close(CLOSE_CODES.badMessage, "messages are binary");
        return;
      }
      joined.receive(conn, toBytes(data));
    });
    conn.on("close", () => {
      clearInterval(ping);
      joined.leave(conn);
    });
    joined.join(conn);
  }

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, options.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;

  return {
    port,
    host: options.host,
    rooms,
    close: async () => {
      if (closing) return;
      closing = true;
      // No new messages; then let every accepted update reach the disk before saving.
      for (const client of wss.clients) client.terminate();
      await Promise.all([...rooms.values()].map((room) => room.idle()));
      for (const room of rooms.values()) {
        try {
          room.close();
        } catch (error) {
          log.warn(`room ${room.label}: could not be compacted: ${(error as Error).message}`);
        }
      }
      rooms.clear();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

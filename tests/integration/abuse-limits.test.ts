// Limits nobody can dodge (rule 11, issue 14): the client address comes from
// the TCP peer that scripts/server.ts reports (a forged copy of its header is
// dropped).
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  markPeerAddress,
  PEER_HEADER,
  resolveClientAddress,
  trustedProxies,
} from "../../lib/http/client-address";
import { addressFromHeaders } from "../../lib/http/request";

describe("the peer header of scripts/server.ts", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // The same preparation as the portal's server, then what the app would read.
    server = createServer((req, res) => {
      markPeerAddress(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      const peerHeaders = req.rawHeaders.filter(
        (_, i) => i % 2 === 0 && /^x-portal-peer-address$/i.test(req.rawHeaders[i]!),
      );
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          peer: req.headers[PEER_HEADER],
          rawCopies: peerHeaders.length,
          client: addressFromHeaders(headers),
          viaTrustedLoopback: resolveClientAddress({
            peer: headers.get(PEER_HEADER),
            forwardedFor: headers.get("x-forwarded-for"),
            trusted: trustedProxies(["127.0.0.1", "::1"]),
          }),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A raw request, so duplicate and oddly cased header lines reach the server as sent. */
  const send = (rawHeaders: [string, string][]) =>
    new Promise<{ peer: string; rawCopies: number; client: string; viaTrustedLoopback: string }>(
      (resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: "/", method: "GET" }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve(JSON.parse(body)));
        });
        req.on("error", reject);
        for (const [name, value] of rawHeaders) req.appendHeader(name, value);
        req.end();
      },
    );

  it("drops a forged peer header, however spelt and however often sent, and sets the socket's", async () => {
    const answer = await send([
      ["X-Portal-Peer-Address", "203.0.113.1"],
      ["x-portal-peer-address", "203.0.113.2"],
      ["x-forwarded-for", "198.51.100.9"],
    ]);
    expect(answer.peer).toBe("127.0.0.1");
    expect(answer.rawCopies).toBe(1);
    // No TRUSTED_PROXIES (the default): the peer, not X-Forwarded-For.
    expect(answer.client).toBe("127.0.0.1");
    // Had the loopback been a trusted proxy, X-Forwarded-For would name the client.
    expect(answer.viaTrustedLoopback).toBe("198.51.100.9");
  });

  it("without a forged header or X-Forwarded-For: the peer either way", async () => {
    const answer = await send([]);
    expect(answer).toMatchObject({ peer: "127.0.0.1", client: "127.0.0.1", viaTrustedLoopback: "127.0.0.1" });
  });

  it("a request that did not pass through the server (no peer header) is 'unknown', never X-Forwarded-For", () => {
    expect(addressFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.9" }))).toBe("unknown");
  });
});

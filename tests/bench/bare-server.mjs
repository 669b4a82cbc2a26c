// Baseline for the intake benchmark: a bare node:http server that reads the body and answers 201
// with an Open311-shaped reply, doing no work at all. Port from argv; prints "listening PORT".
import http from "node:http";

const reply = '[{"service_request_id":"HA-2026-000001","service_notice":null,"account_id":null}]';
const server = http.createServer((req, res) => {
  req.on("data", () => undefined);
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json; charset=utf-8" });
    res.end(reply);
  });
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});

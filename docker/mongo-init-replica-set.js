// One-shot: initiate replica set rs0 on mongo1..mongo3 (idempotent) and wait until it has a primary.
// Run by the mongo-init service: mongosh --host mongo1:27017 --quiet /scripts/mongo-init-replica-set.js
const config = {
  _id: "rs0",
  members: [
    { _id: 0, host: "mongo1:27017", priority: 2 },
    { _id: 1, host: "mongo2:27017", priority: 1 },
    { _id: 2, host: "mongo3:27017", priority: 1 },
  ],
};

try {
  rs.status();
  print("replica set rs0 already initiated");
} catch (e) {
  if (e.codeName !== "NotYetInitialized" && e.code !== 94) {
    throw e;
  }
  printjson(rs.initiate(config));
}

const deadline = Date.now() + 120 * 1000;
for (;;) {
  const primary = (rs.status().members || []).find((m) => m.stateStr === "PRIMARY");
  if (primary) {
    print(`replica set rs0 has primary ${primary.name}`);
    break;
  }
  if (Date.now() > deadline) {
    print("no primary in rs0 after 120 s");
    quit(1);
  }
  sleep(1000);
}

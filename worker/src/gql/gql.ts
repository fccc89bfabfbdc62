/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation RegisterWorker($input: RegisterWorkerInput!) {\n  registerWorker(input: $input) {\n    credential\n    worker {\n      id\n      code\n      maxSessions\n    }\n  }\n}\n\nmutation WorkerHeartbeat($input: WorkerHeartbeatInput!) {\n  workerHeartbeat(input: $input) {\n    status\n    drainStatus\n    serverTime\n  }\n}\n\nsubscription WorkerCommands {\n  workerCommands {\n    id\n    kind\n    sessionId\n    payload\n    attempts\n  }\n}\n\nmutation CompleteWorkerCommand($id: ID!, $input: CommandResultInput!) {\n  completeWorkerCommand(id: $id, input: $input)\n}\n\nmutation ReportSession($input: ReportSessionInput!) {\n  reportSession(input: $input)\n}\n\nmutation AppendSessionLog($sessionId: ID!, $lines: [String!]!) {\n  appendSessionLog(sessionId: $sessionId, lines: $lines)\n}": typeof types.RegisterWorkerDocument,
};
const documents: Documents = {
    "mutation RegisterWorker($input: RegisterWorkerInput!) {\n  registerWorker(input: $input) {\n    credential\n    worker {\n      id\n      code\n      maxSessions\n    }\n  }\n}\n\nmutation WorkerHeartbeat($input: WorkerHeartbeatInput!) {\n  workerHeartbeat(input: $input) {\n    status\n    drainStatus\n    serverTime\n  }\n}\n\nsubscription WorkerCommands {\n  workerCommands {\n    id\n    kind\n    sessionId\n    payload\n    attempts\n  }\n}\n\nmutation CompleteWorkerCommand($id: ID!, $input: CommandResultInput!) {\n  completeWorkerCommand(id: $id, input: $input)\n}\n\nmutation ReportSession($input: ReportSessionInput!) {\n  reportSession(input: $input)\n}\n\nmutation AppendSessionLog($sessionId: ID!, $lines: [String!]!) {\n  appendSessionLog(sessionId: $sessionId, lines: $lines)\n}": types.RegisterWorkerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegisterWorker($input: RegisterWorkerInput!) {\n  registerWorker(input: $input) {\n    credential\n    worker {\n      id\n      code\n      maxSessions\n    }\n  }\n}\n\nmutation WorkerHeartbeat($input: WorkerHeartbeatInput!) {\n  workerHeartbeat(input: $input) {\n    status\n    drainStatus\n    serverTime\n  }\n}\n\nsubscription WorkerCommands {\n  workerCommands {\n    id\n    kind\n    sessionId\n    payload\n    attempts\n  }\n}\n\nmutation CompleteWorkerCommand($id: ID!, $input: CommandResultInput!) {\n  completeWorkerCommand(id: $id, input: $input)\n}\n\nmutation ReportSession($input: ReportSessionInput!) {\n  reportSession(input: $input)\n}\n\nmutation AppendSessionLog($sessionId: ID!, $lines: [String!]!) {\n  appendSessionLog(sessionId: $sessionId, lines: $lines)\n}"): typeof import('./graphql').RegisterWorkerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

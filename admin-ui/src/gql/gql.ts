/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  query AccountActions_me {\n    me { id mustChangePassword }\n  }\n": typeof types.AccountActions_MeDocument,
    "\n  mutation AccountActions_changePassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.AccountActions_ChangePasswordDocument,
    "\n  fragment AuditTable_entry on AuditLogEntry { id action targetType targetId data createdAt actor { id username } }\n": typeof types.AuditTable_EntryFragmentDoc,
    "\n  query Viewer_me {\n    me { id username role coinBalance }\n  }\n": typeof types.Viewer_MeDocument,
    "\n  fragment CandidateRow_session on Session { id state workerCode ownerId examCode createdAt }\n": typeof types.CandidateRow_SessionFragmentDoc,
    "\n  fragment CandidateRow_candidate on ExamCandidateView {\n    id userId username addedAt joinedAt\n    session { id ...CandidateRow_session }\n  }\n": typeof types.CandidateRow_CandidateFragmentDoc,
    "\n  fragment ExamRow_exam on Exam {\n    id code name startsAt endsAt expectedCandidates prewarmTarget\n    product { id name }\n  }\n": typeof types.ExamRow_ExamFragmentDoc,
    "\n  fragment ExamWorkerRow_worker on Worker {\n    id code name status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt\n  }\n": typeof types.ExamWorkerRow_WorkerFragmentDoc,
    "\n  fragment ExamWorkerRow_readiness on ExamWorkerReadiness {\n    eligible reason refusal warm seated shortfall\n    worker { id ...ExamWorkerRow_worker }\n  }\n": typeof types.ExamWorkerRow_ReadinessFragmentDoc,
    "\n  fragment PrewarmPanel_progress on PrewarmProgress {\n    examId productId target capped warm provisioning failed missing blockedReason\n  }\n": typeof types.PrewarmPanel_ProgressFragmentDoc,
    "\n  fragment ReadinessPanel_readiness on ExamReadiness {\n    go reasons expectedCandidates rosterSize seated warm provisioning prewarmTarget warmWanted slotsAvailable capacityShortfall\n  }\n": typeof types.ReadinessPanel_ReadinessFragmentDoc,
    "\n  fragment ReconcileReport_report on ReconcileReport {\n    at dryRun total\n    items { kind action detail workerCode container sessionId }\n  }\n": typeof types.ReconcileReport_ReportFragmentDoc,
    "\n  fragment TotalAvailable_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers\n  }\n": typeof types.TotalAvailable_SummaryFragmentDoc,
    "\n  fragment DesktopCard_session on Session {\n    id state createdAt readyAt endedAt expiresAt failureReason refundedCoins\n    product { id name provisionAction linuxDesktop }\n    connection { protocol host port username password }\n  }\n": typeof types.DesktopCard_SessionFragmentDoc,
    "\n  fragment ProductForm_product on Product {\n    id name provisionAction linuxDesktop allowSudo startTimeoutSeconds priceCoins image cpus memoryMb shmMb durationMinutes browserUrl isActive\n    network { restrictInternet allowedDomains allowedCidrs allowedIps originIp strict }\n    eligibleWorkers { id }\n  }\n": typeof types.ProductForm_ProductFragmentDoc,
    "\n  fragment ProductsTable_product on Product {\n    id name provisionAction linuxDesktop allowSudo priceCoins image cpus memoryMb durationMinutes isActive available\n    network { restrictInternet }\n    eligibleWorkers { id code }\n  }\n": typeof types.ProductsTable_ProductFragmentDoc,
    "\n  fragment SessionDetail_session on Session {\n    id state ownerId ownerUsername workerId workerCode workerRoute examCode\n    createdAt readyAt updatedAt endedAt expiresAt failureReason attention\n    product { id name provisionAction }\n    connection { protocol host port username password }\n  }\n": typeof types.SessionDetail_SessionFragmentDoc,
    "\n  fragment SessionRow_session on Session {\n    id state ownerUsername workerId workerCode examCode createdAt attention failureReason\n    product { id name }\n  }\n": typeof types.SessionRow_SessionFragmentDoc,
    "\n  fragment ProductCard_product on Product {\n    id name provisionAction linuxDesktop priceCoins durationMinutes available cpus memoryMb\n  }\n": typeof types.ProductCard_ProductFragmentDoc,
    "\n  subscription LiveBalance_myBalanceUpdated {\n    myBalanceUpdated { id coinBalance }\n  }\n": typeof types.LiveBalance_MyBalanceUpdatedDocument,
    "\n  fragment LedgerTable_entry on CoinLedgerEntry { id kind delta balanceAfter reason actorUsername createdAt }\n": typeof types.LedgerTable_EntryFragmentDoc,
    "\n  fragment UsersTable_user on User { id username role coinBalance disabled mustChangePassword createdAt }\n": typeof types.UsersTable_UserFragmentDoc,
    "\n  fragment WallExam_exam on Exam {\n    id code name startsAt endsAt expectedCandidates\n  }\n": typeof types.WallExam_ExamFragmentDoc,
    "\n  fragment WallReadiness_readiness on ExamReadiness {\n    go reasons warm warmWanted prewarmTarget seated expectedCandidates capacityShortfall slotsAvailable provisioning\n  }\n": typeof types.WallReadiness_ReadinessFragmentDoc,
    "\n  fragment WallLinkRow_link on WallLink {\n    id name createdAt revokedAt\n  }\n": typeof types.WallLinkRow_LinkFragmentDoc,
    "\n  fragment WallTile_worker on Worker {\n    id code health status drainStatus\n    slotsAvailable maxSessions\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n  }\n": typeof types.WallTile_WorkerFragmentDoc,
    "\n  fragment WallTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n": typeof types.WallTotals_SummaryFragmentDoc,
    "\n  fragment ClusterTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n": typeof types.ClusterTotals_SummaryFragmentDoc,
    "\n  query PlacementExplain_products {\n    products(includeInactive: true) { id name provisionAction }\n  }\n": typeof types.PlacementExplain_ProductsDocument,
    "\n  query PlacementExplain_verdicts($productId: ID!) {\n    placementExplain(productId: $productId) { eligible reason refusal worker { id code } }\n  }\n": typeof types.PlacementExplain_VerdictsDocument,
    "\n  fragment WorkerDetail_worker on Worker {\n    id code name version labels createdAt credentialIssuedAt\n    activeSessions slotsAvailable maxSessions maxSessionsOverride\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n    engineReachable engineVersion engineError kvm\n    capacity { cpus memoryMb reservedCpus reservedMemoryMb vmCpus vmMemoryMb }\n    inventory { name sessionId state rdpPort }\n  }\n": typeof types.WorkerDetail_WorkerFragmentDoc,
    "\n  fragment WorkerRow_worker on Worker {\n    id code name status drainStatus health\n    maxSessions maxSessionsOverride activeSessions slotsAvailable\n    cpuPercent memoryUsedMb memoryTotalMb\n    engineReachable engineVersion engineError kvm version lastHeartbeatAt\n  }\n": typeof types.WorkerRow_WorkerFragmentDoc,
    "\n  query Fleet_workers {\n    workers { id code ...WorkerRow_worker }\n    clusterSummary { ...ClusterTotals_summary }\n  }\n": typeof types.Fleet_WorkersDocument,
    "\n  subscription Fleet_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt driverReachable }\n  }\n": typeof types.Fleet_HeartbeatsDocument,
    "\n  subscription Fleet_workerUpdated {\n    workerUpdated { id code ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n": typeof types.Fleet_WorkerUpdatedDocument,
    "\n  subscription Fleet_clusterUpdated {\n    clusterSummaryUpdated { ...ClusterTotals_summary }\n  }\n": typeof types.Fleet_ClusterUpdatedDocument,
    "\n  query WorkerHeartbeatHistory($workerId: ID!, $since: DateTime) {\n    workerHeartbeatHistory(workerId: $workerId, since: $since) {\n      bucket cpuAvgPercent cpuMaxPercent memoryAvgMb memoryMaxMb memoryTotalMb liveSessions maxSessions heartbeats\n    }\n  }\n": typeof types.WorkerHeartbeatHistoryDocument,
    "mutation WorkerActions_drain($id: ID!) { drainWorker(id: $id) { id ...WorkerRow_worker } }": typeof types.WorkerActions_DrainDocument,
    "mutation WorkerActions_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...WorkerRow_worker } }": typeof types.WorkerActions_DisableDocument,
    "mutation WorkerActions_enable($id: ID!) { enableWorker(id: $id) { id ...WorkerRow_worker } }": typeof types.WorkerActions_EnableDocument,
    "mutation WorkerActions_update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id ...WorkerRow_worker } }": typeof types.WorkerActions_UpdateDocument,
    "mutation WorkerActions_revoke($id: ID!) { revokeWorkerCredential(id: $id) { id credentialIssuedAt ...WorkerRow_worker } }": typeof types.WorkerActions_RevokeDocument,
    "\n  mutation WorkerActions_registry($workerId: ID!, $auth: RegistryAuthInput) { setWorkerRegistryAuth(workerId: $workerId, auth: $auth) { id } }\n": typeof types.WorkerActions_RegistryDocument,
    "\n  query AuditPage_log($first: Int!, $after: String, $actorId: ID, $action: String, $since: DateTime, $until: DateTime) {\n    auditLog(first: $first, after: $after, actorId: $actorId, action: $action, since: $since, until: $until) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id action actor { id username } ...AuditTable_entry } }\n    }\n  }\n": typeof types.AuditPage_LogDocument,
    "\n  query AuditPage_actors($search: String) {\n    users(first: 20, search: $search) { edges { node { id username } } }\n  }\n": typeof types.AuditPage_ActorsDocument,
    "\n  mutation DesktopViewerPage_access($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url expiresAt password }\n  }\n": typeof types.DesktopViewerPage_AccessDocument,
    "\n  mutation ExamDetailPage_prewarm($examId: ID!, $count: Int!) { prewarm(examId: $examId, count: $count) { ...PrewarmPanel_progress } }\n": typeof types.ExamDetailPage_PrewarmDocument,
    "\n  query ExamDetailPage_export($examId: ID!) { examExport(examId: $examId) }\n": typeof types.ExamDetailPage_ExportDocument,
    "\n  mutation ExamDetailPage_update($id: ID!, $input: ExamInput!) {\n    updateExam(id: $id, input: $input) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } ...ExamRow_exam }\n  }\n": typeof types.ExamDetailPage_UpdateDocument,
    "\n  query ExamDetailPage_candidates($examId: ID!) { examCandidates(examId: $examId) { id userId ...CandidateRow_candidate } }\n": typeof types.ExamDetailPage_CandidatesDocument,
    "\n  subscription ExamDetailPage_sessionUpdated { sessionUpdated { id state ownerId examCode createdAt ...CandidateRow_session } }\n": typeof types.ExamDetailPage_SessionUpdatedDocument,
    "\n  mutation ExamDetailPage_importRoster($examId: ID!, $csv: String!) {\n    importRoster(examId: $examId, csv: $csv) { added alreadyOnRoster candidates { username password created } }\n  }\n": typeof types.ExamDetailPage_ImportRosterDocument,
    "\n  fragment ExamDetailPage_readiness on ExamReadiness {\n    go\n    ...ReadinessPanel_readiness\n    workers { worker { id } ...ExamWorkerRow_readiness }\n  }\n": typeof types.ExamDetailPage_ReadinessFragmentDoc,
    "\n  query ExamDetailPage_exam($id: ID!) {\n    exam(id: $id) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } }\n    examReadiness(examId: $id) { ...ExamDetailPage_readiness }\n    clusterSummary(examId: $id) { ...TotalAvailable_summary }\n    prewarmProgress(examId: $id) { ...PrewarmPanel_progress }\n  }\n": typeof types.ExamDetailPage_ExamDocument,
    "\n  subscription ExamDetailPage_readinessUpdated($examId: ID!) { examReadinessUpdated(examId: $examId) { ...ExamDetailPage_readiness } }\n": typeof types.ExamDetailPage_ReadinessUpdatedDocument,
    "\n  subscription ExamDetailPage_clusterUpdated($examId: ID!) { clusterSummaryUpdated(examId: $examId) { ...TotalAvailable_summary } }\n": typeof types.ExamDetailPage_ClusterUpdatedDocument,
    "\n  subscription ExamDetailPage_prewarmUpdated($examId: ID!) { prewarmProgress(examId: $examId) { ...PrewarmPanel_progress } }\n": typeof types.ExamDetailPage_PrewarmUpdatedDocument,
    "\n  subscription ExamDetailPage_workerUpdated { workerUpdated { id ...ExamWorkerRow_worker } }\n": typeof types.ExamDetailPage_WorkerUpdatedDocument,
    "\n  subscription ExamDetailPage_heartbeats { workerHeartbeats { workerId receivedAt } }\n": typeof types.ExamDetailPage_HeartbeatsDocument,
    "mutation ExamDetailPage_drain($id: ID!) { drainWorker(id: $id) { id ...ExamWorkerRow_worker } }": typeof types.ExamDetailPage_DrainDocument,
    "mutation ExamDetailPage_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...ExamWorkerRow_worker } }": typeof types.ExamDetailPage_DisableDocument,
    "mutation ExamDetailPage_enable($id: ID!) { enableWorker(id: $id) { id ...ExamWorkerRow_worker } }": typeof types.ExamDetailPage_EnableDocument,
    "\n  mutation ExamDetailPage_reconcile($dryRun: Boolean) { reconcileNow(dryRun: $dryRun) { total ...ReconcileReport_report } }\n": typeof types.ExamDetailPage_ReconcileDocument,
    "\n  query ExamsPage_readiness($examId: ID!) { examReadiness(examId: $examId) { go reasons } }\n": typeof types.ExamsPage_ReadinessDocument,
    "\n  query ExamsPage_exams { exams { id ...ExamRow_exam } }\n": typeof types.ExamsPage_ExamsDocument,
    "\n  query ExamsPage_products { products { id name isActive } }\n": typeof types.ExamsPage_ProductsDocument,
    "\n  mutation ExamsPage_create($input: ExamInput!) { createExam(input: $input) { id ...ExamRow_exam } }\n": typeof types.ExamsPage_CreateDocument,
    "\n  mutation JoinPage_desktopAccess($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url password }\n  }\n": typeof types.JoinPage_DesktopAccessDocument,
    "\n  mutation JoinPage_join($examCode: String!) {\n    joinExam(examCode: $examCode) { id state examCode failureReason desktop { url password } }\n  }\n": typeof types.JoinPage_JoinDocument,
    "\n  query JoinPage_session($id: ID!) {\n    session(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n": typeof types.JoinPage_SessionDocument,
    "\n  subscription JoinPage_sessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n": typeof types.JoinPage_SessionUpdatedDocument,
    "\n  mutation LoginPage_login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { token user { id username role coinBalance } }\n  }\n": typeof types.LoginPage_LoginDocument,
    "\n  query MyDesktopsPage_log($id: ID!) {\n    sessionLog(id: $id)\n  }\n": typeof types.MyDesktopsPage_LogDocument,
    "\n  subscription MyDesktopsPage_logLines($id: ID!) {\n    sessionLog(id: $id)\n  }\n": typeof types.MyDesktopsPage_LogLinesDocument,
    "\n  query MyDesktopsPage_sessions {\n    mySessions { id state connection { password } ...DesktopCard_session }\n  }\n": typeof types.MyDesktopsPage_SessionsDocument,
    "\n  subscription MyDesktopsPage_sessionUpdated {\n    sessionUpdated { id state connection { password } ...DesktopCard_session }\n  }\n": typeof types.MyDesktopsPage_SessionUpdatedDocument,
    "\n  mutation MyDesktopsPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...DesktopCard_session }\n  }\n": typeof types.MyDesktopsPage_DeleteDocument,
    "\n  query ProductsPage_products {\n    products(includeInactive: true) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": typeof types.ProductsPage_ProductsDocument,
    "\n  query ProductsPage_workers {\n    workers { id code name }\n  }\n": typeof types.ProductsPage_WorkersDocument,
    "\n  subscription ProductsPage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n": typeof types.ProductsPage_AvailabilityDocument,
    "\n  mutation ProductsPage_create($input: ProductInput!) {\n    createProduct(input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": typeof types.ProductsPage_CreateDocument,
    "\n  mutation ProductsPage_update($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": typeof types.ProductsPage_UpdateDocument,
    "\n  mutation ProductsPage_setWorkers($productId: ID!, $workerIds: [ID!]!) {\n    setProductWorkers(productId: $productId, workerIds: $workerIds) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": typeof types.ProductsPage_SetWorkersDocument,
    "\n  query SessionDetailPage_session($id: ID!) {\n    session(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n": typeof types.SessionDetailPage_SessionDocument,
    "\n  subscription SessionDetailPage_updated($id: ID!) {\n    sessionUpdated(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n": typeof types.SessionDetailPage_UpdatedDocument,
    "\n  mutation SessionDetailPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...SessionDetail_session }\n  }\n": typeof types.SessionDetailPage_DeleteDocument,
    "query SessionDetailPage_log($id: ID!) { sessionLog(id: $id) }": typeof types.SessionDetailPage_LogDocument,
    "subscription SessionDetailPage_logLines($id: ID!) { sessionLog(id: $id) }": typeof types.SessionDetailPage_LogLinesDocument,
    "\n  query SessionsPage_sessions($state: SessionState, $workerId: ID, $examId: ID, $flagged: Boolean, $first: Int, $after: String) {\n    sessions(state: $state, workerId: $workerId, examId: $examId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { id ...SessionRow_session } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.SessionsPage_SessionsDocument,
    "\n  query SessionsPage_filterOptions {\n    workers { id code }\n    exams { id code name }\n  }\n": typeof types.SessionsPage_FilterOptionsDocument,
    "\n  subscription SessionsPage_sessionUpdated {\n    sessionUpdated { id state workerId examCode attention ...SessionRow_session }\n  }\n": typeof types.SessionsPage_SessionUpdatedDocument,
    "\n  query StorePage_products {\n    products { id name priceCoins ...ProductCard_product }\n  }\n": typeof types.StorePage_ProductsDocument,
    "\n  subscription StorePage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n": typeof types.StorePage_AvailabilityDocument,
    "\n  mutation StorePage_purchase($productId: ID!, $idempotencyKey: String!) {\n    purchaseAndCreate(productId: $productId, idempotencyKey: $idempotencyKey) { id state product { id name } }\n  }\n": typeof types.StorePage_PurchaseDocument,
    "\n  mutation UsersPage_createUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username ...UsersTable_user }\n  }\n": typeof types.UsersPage_CreateUserDocument,
    "\n  mutation UsersPage_adjustCoins($input: AdjustCoinsInput!) {\n    adjustCoins(input: $input) { id balanceAfter ...LedgerTable_entry }\n  }\n": typeof types.UsersPage_AdjustCoinsDocument,
    "\n  query UsersPage_ledger($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...LedgerTable_entry } }\n    }\n  }\n": typeof types.UsersPage_LedgerDocument,
    "\n  query UsersPage_ledgerSum($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id delta } }\n    }\n  }\n": typeof types.UsersPage_LedgerSumDocument,
    "\n  query UsersPage_users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...UsersTable_user } }\n    }\n  }\n": typeof types.UsersPage_UsersDocument,
    "\n  mutation UsersPage_resetPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) { password user { id username ...UsersTable_user } }\n  }\n": typeof types.UsersPage_ResetPasswordDocument,
    "\n  mutation UsersPage_setDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) { id ...UsersTable_user }\n  }\n": typeof types.UsersPage_SetDisabledDocument,
    "\n  query WallLinksPage_links {\n    wallLinks { id ...WallLinkRow_link }\n  }\n": typeof types.WallLinksPage_LinksDocument,
    "\n  mutation WallLinksPage_create($name: String!) {\n    createWallLink(name: $name) { path link { id ...WallLinkRow_link } }\n  }\n": typeof types.WallLinksPage_CreateDocument,
    "\n  mutation WallLinksPage_revoke($id: ID!) {\n    revokeWallLink(id: $id) { id ...WallLinkRow_link }\n  }\n": typeof types.WallLinksPage_RevokeDocument,
    "\n  query WallPage_board {\n    workers { id code health status drainStatus ...WallTile_worker }\n    clusterSummary { ...WallTotals_summary failedSessionsLastHour }\n    exams { id startsAt endsAt ...WallExam_exam }\n  }\n": typeof types.WallPage_BoardDocument,
    "\n  subscription WallPage_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt }\n  }\n": typeof types.WallPage_HeartbeatsDocument,
    "\n  subscription WallPage_workerUpdated {\n    workerUpdated { id code health status drainStatus ...WallTile_worker }\n  }\n": typeof types.WallPage_WorkerUpdatedDocument,
    "\n  subscription WallPage_clusterUpdated {\n    clusterSummaryUpdated { ...WallTotals_summary failedSessionsLastHour }\n  }\n": typeof types.WallPage_ClusterUpdatedDocument,
    "\n  query WallPage_examReadiness($examId: ID!) {\n    examReadiness(examId: $examId) { ...WallReadiness_readiness }\n  }\n": typeof types.WallPage_ExamReadinessDocument,
    "\n  subscription WallPage_examReadinessUpdated($examId: ID!) {\n    examReadinessUpdated(examId: $examId) { ...WallReadiness_readiness }\n  }\n": typeof types.WallPage_ExamReadinessUpdatedDocument,
    "\n  query WorkerDetailPage_workers {\n    workers { id code name status drainStatus health maxSessions maxSessionsOverride memoryTotalMb ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n": typeof types.WorkerDetailPage_WorkersDocument,
    "\n  mutation WorkersPage_preRegister($input: PreRegisterWorkerInput!) { preRegisterWorker(input: $input) { id code ...WorkerRow_worker } }\n": typeof types.WorkersPage_PreRegisterDocument,
};
const documents: Documents = {
    "\n  query AccountActions_me {\n    me { id mustChangePassword }\n  }\n": types.AccountActions_MeDocument,
    "\n  mutation AccountActions_changePassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.AccountActions_ChangePasswordDocument,
    "\n  fragment AuditTable_entry on AuditLogEntry { id action targetType targetId data createdAt actor { id username } }\n": types.AuditTable_EntryFragmentDoc,
    "\n  query Viewer_me {\n    me { id username role coinBalance }\n  }\n": types.Viewer_MeDocument,
    "\n  fragment CandidateRow_session on Session { id state workerCode ownerId examCode createdAt }\n": types.CandidateRow_SessionFragmentDoc,
    "\n  fragment CandidateRow_candidate on ExamCandidateView {\n    id userId username addedAt joinedAt\n    session { id ...CandidateRow_session }\n  }\n": types.CandidateRow_CandidateFragmentDoc,
    "\n  fragment ExamRow_exam on Exam {\n    id code name startsAt endsAt expectedCandidates prewarmTarget\n    product { id name }\n  }\n": types.ExamRow_ExamFragmentDoc,
    "\n  fragment ExamWorkerRow_worker on Worker {\n    id code name status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt\n  }\n": types.ExamWorkerRow_WorkerFragmentDoc,
    "\n  fragment ExamWorkerRow_readiness on ExamWorkerReadiness {\n    eligible reason refusal warm seated shortfall\n    worker { id ...ExamWorkerRow_worker }\n  }\n": types.ExamWorkerRow_ReadinessFragmentDoc,
    "\n  fragment PrewarmPanel_progress on PrewarmProgress {\n    examId productId target capped warm provisioning failed missing blockedReason\n  }\n": types.PrewarmPanel_ProgressFragmentDoc,
    "\n  fragment ReadinessPanel_readiness on ExamReadiness {\n    go reasons expectedCandidates rosterSize seated warm provisioning prewarmTarget warmWanted slotsAvailable capacityShortfall\n  }\n": types.ReadinessPanel_ReadinessFragmentDoc,
    "\n  fragment ReconcileReport_report on ReconcileReport {\n    at dryRun total\n    items { kind action detail workerCode container sessionId }\n  }\n": types.ReconcileReport_ReportFragmentDoc,
    "\n  fragment TotalAvailable_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers\n  }\n": types.TotalAvailable_SummaryFragmentDoc,
    "\n  fragment DesktopCard_session on Session {\n    id state createdAt readyAt endedAt expiresAt failureReason refundedCoins\n    product { id name provisionAction linuxDesktop }\n    connection { protocol host port username password }\n  }\n": types.DesktopCard_SessionFragmentDoc,
    "\n  fragment ProductForm_product on Product {\n    id name provisionAction linuxDesktop allowSudo startTimeoutSeconds priceCoins image cpus memoryMb shmMb durationMinutes browserUrl isActive\n    network { restrictInternet allowedDomains allowedCidrs allowedIps originIp strict }\n    eligibleWorkers { id }\n  }\n": types.ProductForm_ProductFragmentDoc,
    "\n  fragment ProductsTable_product on Product {\n    id name provisionAction linuxDesktop allowSudo priceCoins image cpus memoryMb durationMinutes isActive available\n    network { restrictInternet }\n    eligibleWorkers { id code }\n  }\n": types.ProductsTable_ProductFragmentDoc,
    "\n  fragment SessionDetail_session on Session {\n    id state ownerId ownerUsername workerId workerCode workerRoute examCode\n    createdAt readyAt updatedAt endedAt expiresAt failureReason attention\n    product { id name provisionAction }\n    connection { protocol host port username password }\n  }\n": types.SessionDetail_SessionFragmentDoc,
    "\n  fragment SessionRow_session on Session {\n    id state ownerUsername workerId workerCode examCode createdAt attention failureReason\n    product { id name }\n  }\n": types.SessionRow_SessionFragmentDoc,
    "\n  fragment ProductCard_product on Product {\n    id name provisionAction linuxDesktop priceCoins durationMinutes available cpus memoryMb\n  }\n": types.ProductCard_ProductFragmentDoc,
    "\n  subscription LiveBalance_myBalanceUpdated {\n    myBalanceUpdated { id coinBalance }\n  }\n": types.LiveBalance_MyBalanceUpdatedDocument,
    "\n  fragment LedgerTable_entry on CoinLedgerEntry { id kind delta balanceAfter reason actorUsername createdAt }\n": types.LedgerTable_EntryFragmentDoc,
    "\n  fragment UsersTable_user on User { id username role coinBalance disabled mustChangePassword createdAt }\n": types.UsersTable_UserFragmentDoc,
    "\n  fragment WallExam_exam on Exam {\n    id code name startsAt endsAt expectedCandidates\n  }\n": types.WallExam_ExamFragmentDoc,
    "\n  fragment WallReadiness_readiness on ExamReadiness {\n    go reasons warm warmWanted prewarmTarget seated expectedCandidates capacityShortfall slotsAvailable provisioning\n  }\n": types.WallReadiness_ReadinessFragmentDoc,
    "\n  fragment WallLinkRow_link on WallLink {\n    id name createdAt revokedAt\n  }\n": types.WallLinkRow_LinkFragmentDoc,
    "\n  fragment WallTile_worker on Worker {\n    id code health status drainStatus\n    slotsAvailable maxSessions\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n  }\n": types.WallTile_WorkerFragmentDoc,
    "\n  fragment WallTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n": types.WallTotals_SummaryFragmentDoc,
    "\n  fragment ClusterTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n": types.ClusterTotals_SummaryFragmentDoc,
    "\n  query PlacementExplain_products {\n    products(includeInactive: true) { id name provisionAction }\n  }\n": types.PlacementExplain_ProductsDocument,
    "\n  query PlacementExplain_verdicts($productId: ID!) {\n    placementExplain(productId: $productId) { eligible reason refusal worker { id code } }\n  }\n": types.PlacementExplain_VerdictsDocument,
    "\n  fragment WorkerDetail_worker on Worker {\n    id code name version labels createdAt credentialIssuedAt\n    activeSessions slotsAvailable maxSessions maxSessionsOverride\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n    engineReachable engineVersion engineError kvm\n    capacity { cpus memoryMb reservedCpus reservedMemoryMb vmCpus vmMemoryMb }\n    inventory { name sessionId state rdpPort }\n  }\n": types.WorkerDetail_WorkerFragmentDoc,
    "\n  fragment WorkerRow_worker on Worker {\n    id code name status drainStatus health\n    maxSessions maxSessionsOverride activeSessions slotsAvailable\n    cpuPercent memoryUsedMb memoryTotalMb\n    engineReachable engineVersion engineError kvm version lastHeartbeatAt\n  }\n": types.WorkerRow_WorkerFragmentDoc,
    "\n  query Fleet_workers {\n    workers { id code ...WorkerRow_worker }\n    clusterSummary { ...ClusterTotals_summary }\n  }\n": types.Fleet_WorkersDocument,
    "\n  subscription Fleet_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt driverReachable }\n  }\n": types.Fleet_HeartbeatsDocument,
    "\n  subscription Fleet_workerUpdated {\n    workerUpdated { id code ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n": types.Fleet_WorkerUpdatedDocument,
    "\n  subscription Fleet_clusterUpdated {\n    clusterSummaryUpdated { ...ClusterTotals_summary }\n  }\n": types.Fleet_ClusterUpdatedDocument,
    "\n  query WorkerHeartbeatHistory($workerId: ID!, $since: DateTime) {\n    workerHeartbeatHistory(workerId: $workerId, since: $since) {\n      bucket cpuAvgPercent cpuMaxPercent memoryAvgMb memoryMaxMb memoryTotalMb liveSessions maxSessions heartbeats\n    }\n  }\n": types.WorkerHeartbeatHistoryDocument,
    "mutation WorkerActions_drain($id: ID!) { drainWorker(id: $id) { id ...WorkerRow_worker } }": types.WorkerActions_DrainDocument,
    "mutation WorkerActions_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...WorkerRow_worker } }": types.WorkerActions_DisableDocument,
    "mutation WorkerActions_enable($id: ID!) { enableWorker(id: $id) { id ...WorkerRow_worker } }": types.WorkerActions_EnableDocument,
    "mutation WorkerActions_update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id ...WorkerRow_worker } }": types.WorkerActions_UpdateDocument,
    "mutation WorkerActions_revoke($id: ID!) { revokeWorkerCredential(id: $id) { id credentialIssuedAt ...WorkerRow_worker } }": types.WorkerActions_RevokeDocument,
    "\n  mutation WorkerActions_registry($workerId: ID!, $auth: RegistryAuthInput) { setWorkerRegistryAuth(workerId: $workerId, auth: $auth) { id } }\n": types.WorkerActions_RegistryDocument,
    "\n  query AuditPage_log($first: Int!, $after: String, $actorId: ID, $action: String, $since: DateTime, $until: DateTime) {\n    auditLog(first: $first, after: $after, actorId: $actorId, action: $action, since: $since, until: $until) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id action actor { id username } ...AuditTable_entry } }\n    }\n  }\n": types.AuditPage_LogDocument,
    "\n  query AuditPage_actors($search: String) {\n    users(first: 20, search: $search) { edges { node { id username } } }\n  }\n": types.AuditPage_ActorsDocument,
    "\n  mutation DesktopViewerPage_access($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url expiresAt password }\n  }\n": types.DesktopViewerPage_AccessDocument,
    "\n  mutation ExamDetailPage_prewarm($examId: ID!, $count: Int!) { prewarm(examId: $examId, count: $count) { ...PrewarmPanel_progress } }\n": types.ExamDetailPage_PrewarmDocument,
    "\n  query ExamDetailPage_export($examId: ID!) { examExport(examId: $examId) }\n": types.ExamDetailPage_ExportDocument,
    "\n  mutation ExamDetailPage_update($id: ID!, $input: ExamInput!) {\n    updateExam(id: $id, input: $input) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } ...ExamRow_exam }\n  }\n": types.ExamDetailPage_UpdateDocument,
    "\n  query ExamDetailPage_candidates($examId: ID!) { examCandidates(examId: $examId) { id userId ...CandidateRow_candidate } }\n": types.ExamDetailPage_CandidatesDocument,
    "\n  subscription ExamDetailPage_sessionUpdated { sessionUpdated { id state ownerId examCode createdAt ...CandidateRow_session } }\n": types.ExamDetailPage_SessionUpdatedDocument,
    "\n  mutation ExamDetailPage_importRoster($examId: ID!, $csv: String!) {\n    importRoster(examId: $examId, csv: $csv) { added alreadyOnRoster candidates { username password created } }\n  }\n": types.ExamDetailPage_ImportRosterDocument,
    "\n  fragment ExamDetailPage_readiness on ExamReadiness {\n    go\n    ...ReadinessPanel_readiness\n    workers { worker { id } ...ExamWorkerRow_readiness }\n  }\n": types.ExamDetailPage_ReadinessFragmentDoc,
    "\n  query ExamDetailPage_exam($id: ID!) {\n    exam(id: $id) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } }\n    examReadiness(examId: $id) { ...ExamDetailPage_readiness }\n    clusterSummary(examId: $id) { ...TotalAvailable_summary }\n    prewarmProgress(examId: $id) { ...PrewarmPanel_progress }\n  }\n": types.ExamDetailPage_ExamDocument,
    "\n  subscription ExamDetailPage_readinessUpdated($examId: ID!) { examReadinessUpdated(examId: $examId) { ...ExamDetailPage_readiness } }\n": types.ExamDetailPage_ReadinessUpdatedDocument,
    "\n  subscription ExamDetailPage_clusterUpdated($examId: ID!) { clusterSummaryUpdated(examId: $examId) { ...TotalAvailable_summary } }\n": types.ExamDetailPage_ClusterUpdatedDocument,
    "\n  subscription ExamDetailPage_prewarmUpdated($examId: ID!) { prewarmProgress(examId: $examId) { ...PrewarmPanel_progress } }\n": types.ExamDetailPage_PrewarmUpdatedDocument,
    "\n  subscription ExamDetailPage_workerUpdated { workerUpdated { id ...ExamWorkerRow_worker } }\n": types.ExamDetailPage_WorkerUpdatedDocument,
    "\n  subscription ExamDetailPage_heartbeats { workerHeartbeats { workerId receivedAt } }\n": types.ExamDetailPage_HeartbeatsDocument,
    "mutation ExamDetailPage_drain($id: ID!) { drainWorker(id: $id) { id ...ExamWorkerRow_worker } }": types.ExamDetailPage_DrainDocument,
    "mutation ExamDetailPage_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...ExamWorkerRow_worker } }": types.ExamDetailPage_DisableDocument,
    "mutation ExamDetailPage_enable($id: ID!) { enableWorker(id: $id) { id ...ExamWorkerRow_worker } }": types.ExamDetailPage_EnableDocument,
    "\n  mutation ExamDetailPage_reconcile($dryRun: Boolean) { reconcileNow(dryRun: $dryRun) { total ...ReconcileReport_report } }\n": types.ExamDetailPage_ReconcileDocument,
    "\n  query ExamsPage_readiness($examId: ID!) { examReadiness(examId: $examId) { go reasons } }\n": types.ExamsPage_ReadinessDocument,
    "\n  query ExamsPage_exams { exams { id ...ExamRow_exam } }\n": types.ExamsPage_ExamsDocument,
    "\n  query ExamsPage_products { products { id name isActive } }\n": types.ExamsPage_ProductsDocument,
    "\n  mutation ExamsPage_create($input: ExamInput!) { createExam(input: $input) { id ...ExamRow_exam } }\n": types.ExamsPage_CreateDocument,
    "\n  mutation JoinPage_desktopAccess($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url password }\n  }\n": types.JoinPage_DesktopAccessDocument,
    "\n  mutation JoinPage_join($examCode: String!) {\n    joinExam(examCode: $examCode) { id state examCode failureReason desktop { url password } }\n  }\n": types.JoinPage_JoinDocument,
    "\n  query JoinPage_session($id: ID!) {\n    session(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n": types.JoinPage_SessionDocument,
    "\n  subscription JoinPage_sessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n": types.JoinPage_SessionUpdatedDocument,
    "\n  mutation LoginPage_login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { token user { id username role coinBalance } }\n  }\n": types.LoginPage_LoginDocument,
    "\n  query MyDesktopsPage_log($id: ID!) {\n    sessionLog(id: $id)\n  }\n": types.MyDesktopsPage_LogDocument,
    "\n  subscription MyDesktopsPage_logLines($id: ID!) {\n    sessionLog(id: $id)\n  }\n": types.MyDesktopsPage_LogLinesDocument,
    "\n  query MyDesktopsPage_sessions {\n    mySessions { id state connection { password } ...DesktopCard_session }\n  }\n": types.MyDesktopsPage_SessionsDocument,
    "\n  subscription MyDesktopsPage_sessionUpdated {\n    sessionUpdated { id state connection { password } ...DesktopCard_session }\n  }\n": types.MyDesktopsPage_SessionUpdatedDocument,
    "\n  mutation MyDesktopsPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...DesktopCard_session }\n  }\n": types.MyDesktopsPage_DeleteDocument,
    "\n  query ProductsPage_products {\n    products(includeInactive: true) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": types.ProductsPage_ProductsDocument,
    "\n  query ProductsPage_workers {\n    workers { id code name }\n  }\n": types.ProductsPage_WorkersDocument,
    "\n  subscription ProductsPage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n": types.ProductsPage_AvailabilityDocument,
    "\n  mutation ProductsPage_create($input: ProductInput!) {\n    createProduct(input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": types.ProductsPage_CreateDocument,
    "\n  mutation ProductsPage_update($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": types.ProductsPage_UpdateDocument,
    "\n  mutation ProductsPage_setWorkers($productId: ID!, $workerIds: [ID!]!) {\n    setProductWorkers(productId: $productId, workerIds: $workerIds) { id ...ProductsTable_product ...ProductForm_product }\n  }\n": types.ProductsPage_SetWorkersDocument,
    "\n  query SessionDetailPage_session($id: ID!) {\n    session(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n": types.SessionDetailPage_SessionDocument,
    "\n  subscription SessionDetailPage_updated($id: ID!) {\n    sessionUpdated(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n": types.SessionDetailPage_UpdatedDocument,
    "\n  mutation SessionDetailPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...SessionDetail_session }\n  }\n": types.SessionDetailPage_DeleteDocument,
    "query SessionDetailPage_log($id: ID!) { sessionLog(id: $id) }": types.SessionDetailPage_LogDocument,
    "subscription SessionDetailPage_logLines($id: ID!) { sessionLog(id: $id) }": types.SessionDetailPage_LogLinesDocument,
    "\n  query SessionsPage_sessions($state: SessionState, $workerId: ID, $examId: ID, $flagged: Boolean, $first: Int, $after: String) {\n    sessions(state: $state, workerId: $workerId, examId: $examId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { id ...SessionRow_session } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.SessionsPage_SessionsDocument,
    "\n  query SessionsPage_filterOptions {\n    workers { id code }\n    exams { id code name }\n  }\n": types.SessionsPage_FilterOptionsDocument,
    "\n  subscription SessionsPage_sessionUpdated {\n    sessionUpdated { id state workerId examCode attention ...SessionRow_session }\n  }\n": types.SessionsPage_SessionUpdatedDocument,
    "\n  query StorePage_products {\n    products { id name priceCoins ...ProductCard_product }\n  }\n": types.StorePage_ProductsDocument,
    "\n  subscription StorePage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n": types.StorePage_AvailabilityDocument,
    "\n  mutation StorePage_purchase($productId: ID!, $idempotencyKey: String!) {\n    purchaseAndCreate(productId: $productId, idempotencyKey: $idempotencyKey) { id state product { id name } }\n  }\n": types.StorePage_PurchaseDocument,
    "\n  mutation UsersPage_createUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username ...UsersTable_user }\n  }\n": types.UsersPage_CreateUserDocument,
    "\n  mutation UsersPage_adjustCoins($input: AdjustCoinsInput!) {\n    adjustCoins(input: $input) { id balanceAfter ...LedgerTable_entry }\n  }\n": types.UsersPage_AdjustCoinsDocument,
    "\n  query UsersPage_ledger($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...LedgerTable_entry } }\n    }\n  }\n": types.UsersPage_LedgerDocument,
    "\n  query UsersPage_ledgerSum($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id delta } }\n    }\n  }\n": types.UsersPage_LedgerSumDocument,
    "\n  query UsersPage_users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...UsersTable_user } }\n    }\n  }\n": types.UsersPage_UsersDocument,
    "\n  mutation UsersPage_resetPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) { password user { id username ...UsersTable_user } }\n  }\n": types.UsersPage_ResetPasswordDocument,
    "\n  mutation UsersPage_setDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) { id ...UsersTable_user }\n  }\n": types.UsersPage_SetDisabledDocument,
    "\n  query WallLinksPage_links {\n    wallLinks { id ...WallLinkRow_link }\n  }\n": types.WallLinksPage_LinksDocument,
    "\n  mutation WallLinksPage_create($name: String!) {\n    createWallLink(name: $name) { path link { id ...WallLinkRow_link } }\n  }\n": types.WallLinksPage_CreateDocument,
    "\n  mutation WallLinksPage_revoke($id: ID!) {\n    revokeWallLink(id: $id) { id ...WallLinkRow_link }\n  }\n": types.WallLinksPage_RevokeDocument,
    "\n  query WallPage_board {\n    workers { id code health status drainStatus ...WallTile_worker }\n    clusterSummary { ...WallTotals_summary failedSessionsLastHour }\n    exams { id startsAt endsAt ...WallExam_exam }\n  }\n": types.WallPage_BoardDocument,
    "\n  subscription WallPage_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt }\n  }\n": types.WallPage_HeartbeatsDocument,
    "\n  subscription WallPage_workerUpdated {\n    workerUpdated { id code health status drainStatus ...WallTile_worker }\n  }\n": types.WallPage_WorkerUpdatedDocument,
    "\n  subscription WallPage_clusterUpdated {\n    clusterSummaryUpdated { ...WallTotals_summary failedSessionsLastHour }\n  }\n": types.WallPage_ClusterUpdatedDocument,
    "\n  query WallPage_examReadiness($examId: ID!) {\n    examReadiness(examId: $examId) { ...WallReadiness_readiness }\n  }\n": types.WallPage_ExamReadinessDocument,
    "\n  subscription WallPage_examReadinessUpdated($examId: ID!) {\n    examReadinessUpdated(examId: $examId) { ...WallReadiness_readiness }\n  }\n": types.WallPage_ExamReadinessUpdatedDocument,
    "\n  query WorkerDetailPage_workers {\n    workers { id code name status drainStatus health maxSessions maxSessionsOverride memoryTotalMb ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n": types.WorkerDetailPage_WorkersDocument,
    "\n  mutation WorkersPage_preRegister($input: PreRegisterWorkerInput!) { preRegisterWorker(input: $input) { id code ...WorkerRow_worker } }\n": types.WorkersPage_PreRegisterDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountActions_me {\n    me { id mustChangePassword }\n  }\n"): (typeof documents)["\n  query AccountActions_me {\n    me { id mustChangePassword }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountActions_changePassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation AccountActions_changePassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditTable_entry on AuditLogEntry { id action targetType targetId data createdAt actor { id username } }\n"): (typeof documents)["\n  fragment AuditTable_entry on AuditLogEntry { id action targetType targetId data createdAt actor { id username } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer_me {\n    me { id username role coinBalance }\n  }\n"): (typeof documents)["\n  query Viewer_me {\n    me { id username role coinBalance }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandidateRow_session on Session { id state workerCode ownerId examCode createdAt }\n"): (typeof documents)["\n  fragment CandidateRow_session on Session { id state workerCode ownerId examCode createdAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandidateRow_candidate on ExamCandidateView {\n    id userId username addedAt joinedAt\n    session { id ...CandidateRow_session }\n  }\n"): (typeof documents)["\n  fragment CandidateRow_candidate on ExamCandidateView {\n    id userId username addedAt joinedAt\n    session { id ...CandidateRow_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExamRow_exam on Exam {\n    id code name startsAt endsAt expectedCandidates prewarmTarget\n    product { id name }\n  }\n"): (typeof documents)["\n  fragment ExamRow_exam on Exam {\n    id code name startsAt endsAt expectedCandidates prewarmTarget\n    product { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExamWorkerRow_worker on Worker {\n    id code name status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt\n  }\n"): (typeof documents)["\n  fragment ExamWorkerRow_worker on Worker {\n    id code name status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExamWorkerRow_readiness on ExamWorkerReadiness {\n    eligible reason refusal warm seated shortfall\n    worker { id ...ExamWorkerRow_worker }\n  }\n"): (typeof documents)["\n  fragment ExamWorkerRow_readiness on ExamWorkerReadiness {\n    eligible reason refusal warm seated shortfall\n    worker { id ...ExamWorkerRow_worker }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrewarmPanel_progress on PrewarmProgress {\n    examId productId target capped warm provisioning failed missing blockedReason\n  }\n"): (typeof documents)["\n  fragment PrewarmPanel_progress on PrewarmProgress {\n    examId productId target capped warm provisioning failed missing blockedReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReadinessPanel_readiness on ExamReadiness {\n    go reasons expectedCandidates rosterSize seated warm provisioning prewarmTarget warmWanted slotsAvailable capacityShortfall\n  }\n"): (typeof documents)["\n  fragment ReadinessPanel_readiness on ExamReadiness {\n    go reasons expectedCandidates rosterSize seated warm provisioning prewarmTarget warmWanted slotsAvailable capacityShortfall\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReconcileReport_report on ReconcileReport {\n    at dryRun total\n    items { kind action detail workerCode container sessionId }\n  }\n"): (typeof documents)["\n  fragment ReconcileReport_report on ReconcileReport {\n    at dryRun total\n    items { kind action detail workerCode container sessionId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TotalAvailable_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers\n  }\n"): (typeof documents)["\n  fragment TotalAvailable_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DesktopCard_session on Session {\n    id state createdAt readyAt endedAt expiresAt failureReason refundedCoins\n    product { id name provisionAction linuxDesktop }\n    connection { protocol host port username password }\n  }\n"): (typeof documents)["\n  fragment DesktopCard_session on Session {\n    id state createdAt readyAt endedAt expiresAt failureReason refundedCoins\n    product { id name provisionAction linuxDesktop }\n    connection { protocol host port username password }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductForm_product on Product {\n    id name provisionAction linuxDesktop allowSudo startTimeoutSeconds priceCoins image cpus memoryMb shmMb durationMinutes browserUrl isActive\n    network { restrictInternet allowedDomains allowedCidrs allowedIps originIp strict }\n    eligibleWorkers { id }\n  }\n"): (typeof documents)["\n  fragment ProductForm_product on Product {\n    id name provisionAction linuxDesktop allowSudo startTimeoutSeconds priceCoins image cpus memoryMb shmMb durationMinutes browserUrl isActive\n    network { restrictInternet allowedDomains allowedCidrs allowedIps originIp strict }\n    eligibleWorkers { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductsTable_product on Product {\n    id name provisionAction linuxDesktop allowSudo priceCoins image cpus memoryMb durationMinutes isActive available\n    network { restrictInternet }\n    eligibleWorkers { id code }\n  }\n"): (typeof documents)["\n  fragment ProductsTable_product on Product {\n    id name provisionAction linuxDesktop allowSudo priceCoins image cpus memoryMb durationMinutes isActive available\n    network { restrictInternet }\n    eligibleWorkers { id code }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionDetail_session on Session {\n    id state ownerId ownerUsername workerId workerCode workerRoute examCode\n    createdAt readyAt updatedAt endedAt expiresAt failureReason attention\n    product { id name provisionAction }\n    connection { protocol host port username password }\n  }\n"): (typeof documents)["\n  fragment SessionDetail_session on Session {\n    id state ownerId ownerUsername workerId workerCode workerRoute examCode\n    createdAt readyAt updatedAt endedAt expiresAt failureReason attention\n    product { id name provisionAction }\n    connection { protocol host port username password }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionRow_session on Session {\n    id state ownerUsername workerId workerCode examCode createdAt attention failureReason\n    product { id name }\n  }\n"): (typeof documents)["\n  fragment SessionRow_session on Session {\n    id state ownerUsername workerId workerCode examCode createdAt attention failureReason\n    product { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductCard_product on Product {\n    id name provisionAction linuxDesktop priceCoins durationMinutes available cpus memoryMb\n  }\n"): (typeof documents)["\n  fragment ProductCard_product on Product {\n    id name provisionAction linuxDesktop priceCoins durationMinutes available cpus memoryMb\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveBalance_myBalanceUpdated {\n    myBalanceUpdated { id coinBalance }\n  }\n"): (typeof documents)["\n  subscription LiveBalance_myBalanceUpdated {\n    myBalanceUpdated { id coinBalance }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LedgerTable_entry on CoinLedgerEntry { id kind delta balanceAfter reason actorUsername createdAt }\n"): (typeof documents)["\n  fragment LedgerTable_entry on CoinLedgerEntry { id kind delta balanceAfter reason actorUsername createdAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsersTable_user on User { id username role coinBalance disabled mustChangePassword createdAt }\n"): (typeof documents)["\n  fragment UsersTable_user on User { id username role coinBalance disabled mustChangePassword createdAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WallExam_exam on Exam {\n    id code name startsAt endsAt expectedCandidates\n  }\n"): (typeof documents)["\n  fragment WallExam_exam on Exam {\n    id code name startsAt endsAt expectedCandidates\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WallReadiness_readiness on ExamReadiness {\n    go reasons warm warmWanted prewarmTarget seated expectedCandidates capacityShortfall slotsAvailable provisioning\n  }\n"): (typeof documents)["\n  fragment WallReadiness_readiness on ExamReadiness {\n    go reasons warm warmWanted prewarmTarget seated expectedCandidates capacityShortfall slotsAvailable provisioning\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WallLinkRow_link on WallLink {\n    id name createdAt revokedAt\n  }\n"): (typeof documents)["\n  fragment WallLinkRow_link on WallLink {\n    id name createdAt revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WallTile_worker on Worker {\n    id code health status drainStatus\n    slotsAvailable maxSessions\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n  }\n"): (typeof documents)["\n  fragment WallTile_worker on Worker {\n    id code health status drainStatus\n    slotsAvailable maxSessions\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WallTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n"): (typeof documents)["\n  fragment WallTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClusterTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n"): (typeof documents)["\n  fragment ClusterTotals_summary on ClusterSummary {\n    totalAvailableSessions totalMaxSessions totalActiveSessions\n    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlacementExplain_products {\n    products(includeInactive: true) { id name provisionAction }\n  }\n"): (typeof documents)["\n  query PlacementExplain_products {\n    products(includeInactive: true) { id name provisionAction }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlacementExplain_verdicts($productId: ID!) {\n    placementExplain(productId: $productId) { eligible reason refusal worker { id code } }\n  }\n"): (typeof documents)["\n  query PlacementExplain_verdicts($productId: ID!) {\n    placementExplain(productId: $productId) { eligible reason refusal worker { id code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerDetail_worker on Worker {\n    id code name version labels createdAt credentialIssuedAt\n    activeSessions slotsAvailable maxSessions maxSessionsOverride\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n    engineReachable engineVersion engineError kvm\n    capacity { cpus memoryMb reservedCpus reservedMemoryMb vmCpus vmMemoryMb }\n    inventory { name sessionId state rdpPort }\n  }\n"): (typeof documents)["\n  fragment WorkerDetail_worker on Worker {\n    id code name version labels createdAt credentialIssuedAt\n    activeSessions slotsAvailable maxSessions maxSessionsOverride\n    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt\n    engineReachable engineVersion engineError kvm\n    capacity { cpus memoryMb reservedCpus reservedMemoryMb vmCpus vmMemoryMb }\n    inventory { name sessionId state rdpPort }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkerRow_worker on Worker {\n    id code name status drainStatus health\n    maxSessions maxSessionsOverride activeSessions slotsAvailable\n    cpuPercent memoryUsedMb memoryTotalMb\n    engineReachable engineVersion engineError kvm version lastHeartbeatAt\n  }\n"): (typeof documents)["\n  fragment WorkerRow_worker on Worker {\n    id code name status drainStatus health\n    maxSessions maxSessionsOverride activeSessions slotsAvailable\n    cpuPercent memoryUsedMb memoryTotalMb\n    engineReachable engineVersion engineError kvm version lastHeartbeatAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Fleet_workers {\n    workers { id code ...WorkerRow_worker }\n    clusterSummary { ...ClusterTotals_summary }\n  }\n"): (typeof documents)["\n  query Fleet_workers {\n    workers { id code ...WorkerRow_worker }\n    clusterSummary { ...ClusterTotals_summary }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Fleet_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt driverReachable }\n  }\n"): (typeof documents)["\n  subscription Fleet_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt driverReachable }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Fleet_workerUpdated {\n    workerUpdated { id code ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n"): (typeof documents)["\n  subscription Fleet_workerUpdated {\n    workerUpdated { id code ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Fleet_clusterUpdated {\n    clusterSummaryUpdated { ...ClusterTotals_summary }\n  }\n"): (typeof documents)["\n  subscription Fleet_clusterUpdated {\n    clusterSummaryUpdated { ...ClusterTotals_summary }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerHeartbeatHistory($workerId: ID!, $since: DateTime) {\n    workerHeartbeatHistory(workerId: $workerId, since: $since) {\n      bucket cpuAvgPercent cpuMaxPercent memoryAvgMb memoryMaxMb memoryTotalMb liveSessions maxSessions heartbeats\n    }\n  }\n"): (typeof documents)["\n  query WorkerHeartbeatHistory($workerId: ID!, $since: DateTime) {\n    workerHeartbeatHistory(workerId: $workerId, since: $since) {\n      bucket cpuAvgPercent cpuMaxPercent memoryAvgMb memoryMaxMb memoryTotalMb liveSessions maxSessions heartbeats\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerActions_drain($id: ID!) { drainWorker(id: $id) { id ...WorkerRow_worker } }"): (typeof documents)["mutation WorkerActions_drain($id: ID!) { drainWorker(id: $id) { id ...WorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerActions_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...WorkerRow_worker } }"): (typeof documents)["mutation WorkerActions_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...WorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerActions_enable($id: ID!) { enableWorker(id: $id) { id ...WorkerRow_worker } }"): (typeof documents)["mutation WorkerActions_enable($id: ID!) { enableWorker(id: $id) { id ...WorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerActions_update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id ...WorkerRow_worker } }"): (typeof documents)["mutation WorkerActions_update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id ...WorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WorkerActions_revoke($id: ID!) { revokeWorkerCredential(id: $id) { id credentialIssuedAt ...WorkerRow_worker } }"): (typeof documents)["mutation WorkerActions_revoke($id: ID!) { revokeWorkerCredential(id: $id) { id credentialIssuedAt ...WorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerActions_registry($workerId: ID!, $auth: RegistryAuthInput) { setWorkerRegistryAuth(workerId: $workerId, auth: $auth) { id } }\n"): (typeof documents)["\n  mutation WorkerActions_registry($workerId: ID!, $auth: RegistryAuthInput) { setWorkerRegistryAuth(workerId: $workerId, auth: $auth) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage_log($first: Int!, $after: String, $actorId: ID, $action: String, $since: DateTime, $until: DateTime) {\n    auditLog(first: $first, after: $after, actorId: $actorId, action: $action, since: $since, until: $until) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id action actor { id username } ...AuditTable_entry } }\n    }\n  }\n"): (typeof documents)["\n  query AuditPage_log($first: Int!, $after: String, $actorId: ID, $action: String, $since: DateTime, $until: DateTime) {\n    auditLog(first: $first, after: $after, actorId: $actorId, action: $action, since: $since, until: $until) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id action actor { id username } ...AuditTable_entry } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage_actors($search: String) {\n    users(first: 20, search: $search) { edges { node { id username } } }\n  }\n"): (typeof documents)["\n  query AuditPage_actors($search: String) {\n    users(first: 20, search: $search) { edges { node { id username } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DesktopViewerPage_access($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url expiresAt password }\n  }\n"): (typeof documents)["\n  mutation DesktopViewerPage_access($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url expiresAt password }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamDetailPage_prewarm($examId: ID!, $count: Int!) { prewarm(examId: $examId, count: $count) { ...PrewarmPanel_progress } }\n"): (typeof documents)["\n  mutation ExamDetailPage_prewarm($examId: ID!, $count: Int!) { prewarm(examId: $examId, count: $count) { ...PrewarmPanel_progress } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamDetailPage_export($examId: ID!) { examExport(examId: $examId) }\n"): (typeof documents)["\n  query ExamDetailPage_export($examId: ID!) { examExport(examId: $examId) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamDetailPage_update($id: ID!, $input: ExamInput!) {\n    updateExam(id: $id, input: $input) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } ...ExamRow_exam }\n  }\n"): (typeof documents)["\n  mutation ExamDetailPage_update($id: ID!, $input: ExamInput!) {\n    updateExam(id: $id, input: $input) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } ...ExamRow_exam }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamDetailPage_candidates($examId: ID!) { examCandidates(examId: $examId) { id userId ...CandidateRow_candidate } }\n"): (typeof documents)["\n  query ExamDetailPage_candidates($examId: ID!) { examCandidates(examId: $examId) { id userId ...CandidateRow_candidate } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExamDetailPage_sessionUpdated { sessionUpdated { id state ownerId examCode createdAt ...CandidateRow_session } }\n"): (typeof documents)["\n  subscription ExamDetailPage_sessionUpdated { sessionUpdated { id state ownerId examCode createdAt ...CandidateRow_session } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamDetailPage_importRoster($examId: ID!, $csv: String!) {\n    importRoster(examId: $examId, csv: $csv) { added alreadyOnRoster candidates { username password created } }\n  }\n"): (typeof documents)["\n  mutation ExamDetailPage_importRoster($examId: ID!, $csv: String!) {\n    importRoster(examId: $examId, csv: $csv) { added alreadyOnRoster candidates { username password created } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExamDetailPage_readiness on ExamReadiness {\n    go\n    ...ReadinessPanel_readiness\n    workers { worker { id } ...ExamWorkerRow_readiness }\n  }\n"): (typeof documents)["\n  fragment ExamDetailPage_readiness on ExamReadiness {\n    go\n    ...ReadinessPanel_readiness\n    workers { worker { id } ...ExamWorkerRow_readiness }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamDetailPage_exam($id: ID!) {\n    exam(id: $id) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } }\n    examReadiness(examId: $id) { ...ExamDetailPage_readiness }\n    clusterSummary(examId: $id) { ...TotalAvailable_summary }\n    prewarmProgress(examId: $id) { ...PrewarmPanel_progress }\n  }\n"): (typeof documents)["\n  query ExamDetailPage_exam($id: ID!) {\n    exam(id: $id) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } }\n    examReadiness(examId: $id) { ...ExamDetailPage_readiness }\n    clusterSummary(examId: $id) { ...TotalAvailable_summary }\n    prewarmProgress(examId: $id) { ...PrewarmPanel_progress }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExamDetailPage_readinessUpdated($examId: ID!) { examReadinessUpdated(examId: $examId) { ...ExamDetailPage_readiness } }\n"): (typeof documents)["\n  subscription ExamDetailPage_readinessUpdated($examId: ID!) { examReadinessUpdated(examId: $examId) { ...ExamDetailPage_readiness } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExamDetailPage_clusterUpdated($examId: ID!) { clusterSummaryUpdated(examId: $examId) { ...TotalAvailable_summary } }\n"): (typeof documents)["\n  subscription ExamDetailPage_clusterUpdated($examId: ID!) { clusterSummaryUpdated(examId: $examId) { ...TotalAvailable_summary } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExamDetailPage_prewarmUpdated($examId: ID!) { prewarmProgress(examId: $examId) { ...PrewarmPanel_progress } }\n"): (typeof documents)["\n  subscription ExamDetailPage_prewarmUpdated($examId: ID!) { prewarmProgress(examId: $examId) { ...PrewarmPanel_progress } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExamDetailPage_workerUpdated { workerUpdated { id ...ExamWorkerRow_worker } }\n"): (typeof documents)["\n  subscription ExamDetailPage_workerUpdated { workerUpdated { id ...ExamWorkerRow_worker } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExamDetailPage_heartbeats { workerHeartbeats { workerId receivedAt } }\n"): (typeof documents)["\n  subscription ExamDetailPage_heartbeats { workerHeartbeats { workerId receivedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExamDetailPage_drain($id: ID!) { drainWorker(id: $id) { id ...ExamWorkerRow_worker } }"): (typeof documents)["mutation ExamDetailPage_drain($id: ID!) { drainWorker(id: $id) { id ...ExamWorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExamDetailPage_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...ExamWorkerRow_worker } }"): (typeof documents)["mutation ExamDetailPage_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...ExamWorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ExamDetailPage_enable($id: ID!) { enableWorker(id: $id) { id ...ExamWorkerRow_worker } }"): (typeof documents)["mutation ExamDetailPage_enable($id: ID!) { enableWorker(id: $id) { id ...ExamWorkerRow_worker } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamDetailPage_reconcile($dryRun: Boolean) { reconcileNow(dryRun: $dryRun) { total ...ReconcileReport_report } }\n"): (typeof documents)["\n  mutation ExamDetailPage_reconcile($dryRun: Boolean) { reconcileNow(dryRun: $dryRun) { total ...ReconcileReport_report } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamsPage_readiness($examId: ID!) { examReadiness(examId: $examId) { go reasons } }\n"): (typeof documents)["\n  query ExamsPage_readiness($examId: ID!) { examReadiness(examId: $examId) { go reasons } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamsPage_exams { exams { id ...ExamRow_exam } }\n"): (typeof documents)["\n  query ExamsPage_exams { exams { id ...ExamRow_exam } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamsPage_products { products { id name isActive } }\n"): (typeof documents)["\n  query ExamsPage_products { products { id name isActive } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamsPage_create($input: ExamInput!) { createExam(input: $input) { id ...ExamRow_exam } }\n"): (typeof documents)["\n  mutation ExamsPage_create($input: ExamInput!) { createExam(input: $input) { id ...ExamRow_exam } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinPage_desktopAccess($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url password }\n  }\n"): (typeof documents)["\n  mutation JoinPage_desktopAccess($sessionId: ID!) {\n    desktopAccess(sessionId: $sessionId) { url password }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinPage_join($examCode: String!) {\n    joinExam(examCode: $examCode) { id state examCode failureReason desktop { url password } }\n  }\n"): (typeof documents)["\n  mutation JoinPage_join($examCode: String!) {\n    joinExam(examCode: $examCode) { id state examCode failureReason desktop { url password } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JoinPage_session($id: ID!) {\n    session(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n"): (typeof documents)["\n  query JoinPage_session($id: ID!) {\n    session(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JoinPage_sessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n"): (typeof documents)["\n  subscription JoinPage_sessionUpdated($id: ID!) {\n    sessionUpdated(id: $id) { id state examCode failureReason desktop { url password } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginPage_login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { token user { id username role coinBalance } }\n  }\n"): (typeof documents)["\n  mutation LoginPage_login($username: String!, $password: String!) {\n    login(username: $username, password: $password) { token user { id username role coinBalance } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDesktopsPage_log($id: ID!) {\n    sessionLog(id: $id)\n  }\n"): (typeof documents)["\n  query MyDesktopsPage_log($id: ID!) {\n    sessionLog(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyDesktopsPage_logLines($id: ID!) {\n    sessionLog(id: $id)\n  }\n"): (typeof documents)["\n  subscription MyDesktopsPage_logLines($id: ID!) {\n    sessionLog(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDesktopsPage_sessions {\n    mySessions { id state connection { password } ...DesktopCard_session }\n  }\n"): (typeof documents)["\n  query MyDesktopsPage_sessions {\n    mySessions { id state connection { password } ...DesktopCard_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyDesktopsPage_sessionUpdated {\n    sessionUpdated { id state connection { password } ...DesktopCard_session }\n  }\n"): (typeof documents)["\n  subscription MyDesktopsPage_sessionUpdated {\n    sessionUpdated { id state connection { password } ...DesktopCard_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MyDesktopsPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...DesktopCard_session }\n  }\n"): (typeof documents)["\n  mutation MyDesktopsPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...DesktopCard_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsPage_products {\n    products(includeInactive: true) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"): (typeof documents)["\n  query ProductsPage_products {\n    products(includeInactive: true) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsPage_workers {\n    workers { id code name }\n  }\n"): (typeof documents)["\n  query ProductsPage_workers {\n    workers { id code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProductsPage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n"): (typeof documents)["\n  subscription ProductsPage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductsPage_create($input: ProductInput!) {\n    createProduct(input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"): (typeof documents)["\n  mutation ProductsPage_create($input: ProductInput!) {\n    createProduct(input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductsPage_update($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"): (typeof documents)["\n  mutation ProductsPage_update($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductsPage_setWorkers($productId: ID!, $workerIds: [ID!]!) {\n    setProductWorkers(productId: $productId, workerIds: $workerIds) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"): (typeof documents)["\n  mutation ProductsPage_setWorkers($productId: ID!, $workerIds: [ID!]!) {\n    setProductWorkers(productId: $productId, workerIds: $workerIds) { id ...ProductsTable_product ...ProductForm_product }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionDetailPage_session($id: ID!) {\n    session(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n"): (typeof documents)["\n  query SessionDetailPage_session($id: ID!) {\n    session(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionDetailPage_updated($id: ID!) {\n    sessionUpdated(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n"): (typeof documents)["\n  subscription SessionDetailPage_updated($id: ID!) {\n    sessionUpdated(id: $id) { id state ownerId ...SessionDetail_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionDetailPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...SessionDetail_session }\n  }\n"): (typeof documents)["\n  mutation SessionDetailPage_delete($id: ID!) {\n    deleteSession(id: $id) { id state ...SessionDetail_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SessionDetailPage_log($id: ID!) { sessionLog(id: $id) }"): (typeof documents)["query SessionDetailPage_log($id: ID!) { sessionLog(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SessionDetailPage_logLines($id: ID!) { sessionLog(id: $id) }"): (typeof documents)["subscription SessionDetailPage_logLines($id: ID!) { sessionLog(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsPage_sessions($state: SessionState, $workerId: ID, $examId: ID, $flagged: Boolean, $first: Int, $after: String) {\n    sessions(state: $state, workerId: $workerId, examId: $examId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { id ...SessionRow_session } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query SessionsPage_sessions($state: SessionState, $workerId: ID, $examId: ID, $flagged: Boolean, $first: Int, $after: String) {\n    sessions(state: $state, workerId: $workerId, examId: $examId, flagged: $flagged, first: $first, after: $after) {\n      edges { cursor node { id ...SessionRow_session } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsPage_filterOptions {\n    workers { id code }\n    exams { id code name }\n  }\n"): (typeof documents)["\n  query SessionsPage_filterOptions {\n    workers { id code }\n    exams { id code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionsPage_sessionUpdated {\n    sessionUpdated { id state workerId examCode attention ...SessionRow_session }\n  }\n"): (typeof documents)["\n  subscription SessionsPage_sessionUpdated {\n    sessionUpdated { id state workerId examCode attention ...SessionRow_session }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StorePage_products {\n    products { id name priceCoins ...ProductCard_product }\n  }\n"): (typeof documents)["\n  query StorePage_products {\n    products { id name priceCoins ...ProductCard_product }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StorePage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n"): (typeof documents)["\n  subscription StorePage_availability {\n    productAvailabilityUpdated { productId available }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StorePage_purchase($productId: ID!, $idempotencyKey: String!) {\n    purchaseAndCreate(productId: $productId, idempotencyKey: $idempotencyKey) { id state product { id name } }\n  }\n"): (typeof documents)["\n  mutation StorePage_purchase($productId: ID!, $idempotencyKey: String!) {\n    purchaseAndCreate(productId: $productId, idempotencyKey: $idempotencyKey) { id state product { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersPage_createUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username ...UsersTable_user }\n  }\n"): (typeof documents)["\n  mutation UsersPage_createUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username ...UsersTable_user }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersPage_adjustCoins($input: AdjustCoinsInput!) {\n    adjustCoins(input: $input) { id balanceAfter ...LedgerTable_entry }\n  }\n"): (typeof documents)["\n  mutation UsersPage_adjustCoins($input: AdjustCoinsInput!) {\n    adjustCoins(input: $input) { id balanceAfter ...LedgerTable_entry }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage_ledger($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...LedgerTable_entry } }\n    }\n  }\n"): (typeof documents)["\n  query UsersPage_ledger($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...LedgerTable_entry } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage_ledgerSum($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id delta } }\n    }\n  }\n"): (typeof documents)["\n  query UsersPage_ledgerSum($userId: ID!, $first: Int!, $after: String) {\n    coinLedger(userId: $userId, first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { id delta } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage_users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...UsersTable_user } }\n    }\n  }\n"): (typeof documents)["\n  query UsersPage_users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id ...UsersTable_user } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersPage_resetPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) { password user { id username ...UsersTable_user } }\n  }\n"): (typeof documents)["\n  mutation UsersPage_resetPassword($userId: ID!) {\n    resetUserPassword(userId: $userId) { password user { id username ...UsersTable_user } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersPage_setDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) { id ...UsersTable_user }\n  }\n"): (typeof documents)["\n  mutation UsersPage_setDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) { id ...UsersTable_user }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WallLinksPage_links {\n    wallLinks { id ...WallLinkRow_link }\n  }\n"): (typeof documents)["\n  query WallLinksPage_links {\n    wallLinks { id ...WallLinkRow_link }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WallLinksPage_create($name: String!) {\n    createWallLink(name: $name) { path link { id ...WallLinkRow_link } }\n  }\n"): (typeof documents)["\n  mutation WallLinksPage_create($name: String!) {\n    createWallLink(name: $name) { path link { id ...WallLinkRow_link } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WallLinksPage_revoke($id: ID!) {\n    revokeWallLink(id: $id) { id ...WallLinkRow_link }\n  }\n"): (typeof documents)["\n  mutation WallLinksPage_revoke($id: ID!) {\n    revokeWallLink(id: $id) { id ...WallLinkRow_link }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WallPage_board {\n    workers { id code health status drainStatus ...WallTile_worker }\n    clusterSummary { ...WallTotals_summary failedSessionsLastHour }\n    exams { id startsAt endsAt ...WallExam_exam }\n  }\n"): (typeof documents)["\n  query WallPage_board {\n    workers { id code health status drainStatus ...WallTile_worker }\n    clusterSummary { ...WallTotals_summary failedSessionsLastHour }\n    exams { id startsAt endsAt ...WallExam_exam }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WallPage_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt }\n  }\n"): (typeof documents)["\n  subscription WallPage_heartbeats {\n    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WallPage_workerUpdated {\n    workerUpdated { id code health status drainStatus ...WallTile_worker }\n  }\n"): (typeof documents)["\n  subscription WallPage_workerUpdated {\n    workerUpdated { id code health status drainStatus ...WallTile_worker }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WallPage_clusterUpdated {\n    clusterSummaryUpdated { ...WallTotals_summary failedSessionsLastHour }\n  }\n"): (typeof documents)["\n  subscription WallPage_clusterUpdated {\n    clusterSummaryUpdated { ...WallTotals_summary failedSessionsLastHour }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WallPage_examReadiness($examId: ID!) {\n    examReadiness(examId: $examId) { ...WallReadiness_readiness }\n  }\n"): (typeof documents)["\n  query WallPage_examReadiness($examId: ID!) {\n    examReadiness(examId: $examId) { ...WallReadiness_readiness }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WallPage_examReadinessUpdated($examId: ID!) {\n    examReadinessUpdated(examId: $examId) { ...WallReadiness_readiness }\n  }\n"): (typeof documents)["\n  subscription WallPage_examReadinessUpdated($examId: ID!) {\n    examReadinessUpdated(examId: $examId) { ...WallReadiness_readiness }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerDetailPage_workers {\n    workers { id code name status drainStatus health maxSessions maxSessionsOverride memoryTotalMb ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n"): (typeof documents)["\n  query WorkerDetailPage_workers {\n    workers { id code name status drainStatus health maxSessions maxSessionsOverride memoryTotalMb ...WorkerRow_worker ...WorkerDetail_worker }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkersPage_preRegister($input: PreRegisterWorkerInput!) { preRegisterWorker(input: $input) { id code ...WorkerRow_worker } }\n"): (typeof documents)["\n  mutation WorkersPage_preRegister($input: PreRegisterWorkerInput!) { preRegisterWorker(input: $input) { id code ...WorkerRow_worker } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { WorkerCommand } from './worker-command.entity.js';
import { CommandResultInput, RegistryAuthInput } from './worker-commands.inputs.js';
import type { WorkerCommandsService } from './worker-commands.service.js';
import type { WorkersService } from './workers.service.js';
import { Worker } from './worker.entity.js';
import { Role } from '../../shared/role.js';
import { WORKER_ROLE, type WorkerViewer } from '../../shared/viewer.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** The command half of the worker protocol. */
@Resolver(() => WorkerCommand)
export class WorkerCommandsResolver {
  constructor(
    private readonly service: WorkerCommandsService,
    private readonly fleet: WorkersService,
  ) {}

  @Authorized(WORKER_ROLE)
  @Subscription(() => WorkerCommand, {
    description: 'Commands for the calling worker: every unacknowledged one on (re)connect, then new ones as they are queued (worker credential)',
    subscribe: ({ context }: { context: GraphQLContext }) => context.live.workerCommands(context.viewer as WorkerViewer),
  })
  workerCommands(@Root() command: WorkerCommand): WorkerCommand {
    return command;
  }

  @Authorized(WORKER_ROLE)
  @Mutation(() => Boolean, { description: 'Acknowledge a command; until then it is delivered again on every reconnect (worker credential)' })
  completeWorkerCommand(
    @Arg('id', () => ID, { description: 'Command id' }) id: string,
    @Arg('input', () => CommandResultInput, { description: 'How it ended' }) input: CommandResultInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return this.service.complete(ctx.em, ctx.viewer as WorkerViewer, id, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Worker, { description: 'Set (or clear, with null) the registry login a worker pulls images with (ADMIN)' })
  setWorkerRegistryAuth(
    @Arg('workerId', () => ID, { description: 'Worker id' }) workerId: string,
    @Arg('auth', () => RegistryAuthInput, { nullable: true, description: 'The login; null clears it' }) auth: RegistryAuthInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Worker> {
    return this.fleet.setRegistryAuth(ctx.em, ctx.viewer, workerId, auth ?? null);
  }
}

import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Product } from './product.entity.js';
import { ProductInput } from './products.inputs.js';
import type { ProductsService } from './products.service.js';
import { Role } from '../../shared/role.js';
import { Worker } from '../workers/worker.entity.js';
import type { WorkersService } from '../workers/workers.service.js';
import { isStaff } from '../../shared/viewer.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** Products (VPS packages and exam desktops). */
@Resolver(() => Product)
export class ProductsResolver {
  constructor(
    private readonly service: ProductsService,
    private readonly fleet: WorkersService,
  ) {}

  @FieldResolver(() => [Worker], { nullable: true, description: 'Workers allowed to run it (empty = all); ADMIN and OPERATOR only, null for others' })
  async eligibleWorkers(@Root() product: Product, @Ctx() ctx: GraphQLContext): Promise<Worker[] | null> {
    if (!isStaff(ctx.viewer)) return null;
    if (!product.workers.isInitialized()) await product.workers.init();
    return this.fleet.derive(ctx.em, product.workers.getItems());
  }

  @Authorized()
  @Query(() => [Product], { description: 'Products with their free slots; inactive ones only for ADMIN and OPERATOR' })
  products(
    @Arg('includeInactive', () => Boolean, { nullable: true, description: 'Include inactive products (staff only)' }) includeInactive: boolean | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.list(ctx.em, ctx.viewer, includeInactive ?? false);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: 'Create a product (ADMIN)' })
  createProduct(@Arg('input', () => ProductInput, { description: 'The product' }) input: ProductInput, @Ctx() ctx: GraphQLContext) {
    return this.service.create(ctx.em, ctx.viewer, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: "Replace a product's fields (ADMIN)" })
  updateProduct(
    @Arg('id', () => ID, { description: 'Product id' }) id: string,
    @Arg('input', () => ProductInput, { description: 'All fields of the product' }) input: ProductInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.update(ctx.em, ctx.viewer, id, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Product, { description: 'Set the workers allowed to run a product; an empty list means all (ADMIN)' })
  setProductWorkers(
    @Arg('productId', () => ID, { description: 'Product id' }) productId: string,
    @Arg('workerIds', () => [ID], { description: 'Worker ids' }) workerIds: string[],
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.setWorkers(ctx.em, ctx.viewer, productId, workerIds);
  }
}

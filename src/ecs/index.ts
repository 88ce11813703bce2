/**
 * framepool's bitecs integration: bitecs 0.4 components whose stores are MemoryPools, so a
 * component has a slot budget and generation-checked records, and its records take no memory of
 * their own per add or remove (bitecs itself still allocates on structural changes).
 * Imports the memory module and bitecs only.
 *
 * @module framepool/ecs
 */
export {
  type AnyPooledComponent,
  attachPooledComponent,
  createPooledComponent,
  type IndexBy,
  type NoFields,
  type PooledComponent,
  type PooledComponentOptions,
  slotOf,
  spawnPooled,
  tryAddPooled,
} from './PooledComponent.ts';
export { restorePooledEntities, saveEntityIds } from './restoreEntities.ts';

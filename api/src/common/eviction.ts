/** A cached response's entity, as graphql-yoga's response cache records them: a type, and its id where it has one. */
export interface CachedEntity {
  typename: string;
  id?: string;
}

/** What to evict for a change of the index: these entities, or everything. */
export type Eviction = CachedEntity[] | "all";

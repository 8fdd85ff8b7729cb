import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { BoundedMap } from "./bounded-map.ts";

/** Documents remembered: a storefront sends a handful of query shapes, each with many different variables. */
const REMEMBERED_DOCUMENTS = 1_000;
/** Longer documents are read each time rather than kept (a thousand of them could fill the heap). */
const REMEMBERED_LENGTH = 8_192;

/**
 * The object types a query document can return, by name. The response cache records only the objects of a response
 * that have an id, so an eviction by type (a list of listings, every review) would miss a response holding such
 * objects without ids, or none yet (an empty list a change would fill): a response is tagged with these too. A
 * field that is a plain list of a type (a product's items) is tagged as that type's list, `<Type>Connection`,
 * which a change to any object of the type evicts: a new item joins the lists of items as it joins connections.
 */
export class SelectedTypes {
  readonly #byDocument = new BoundedMap<string, { typename: string }[]>(REMEMBERED_DOCUMENTS);
  readonly #maxTokens: number;
  #schema: GraphQLSchema | undefined;

  /** `maxTokens`: a longer document is not read (the server refuses it anyway, and so caches nothing). */
  constructor(maxTokens: number) {
    this.#maxTokens = maxTokens;
  }

  /** The schema documents are read against; types selected under an earlier one are forgotten. */
  set schema(schema: GraphQLSchema) {
    if (schema !== this.#schema) this.#byDocument.clear();
    this.#schema = schema;
  }

  of(document: string): { typename: string }[] {
    let types = this.#byDocument.get(document);
    if (types === undefined) {
      types = [...this.#read(document)].map((typename) => ({ typename }));
      if (document.length <= REMEMBERED_LENGTH) this.#byDocument.set(document, types);
    }
    return types;
  }

  #read(document: string): Set<string> {
    const schema = this.#schema;
    if (schema === undefined) throw new Error("SelectedTypes: no schema yet, so no document can be read");
    const typeInfo = new TypeInfo(schema);
    const names = new Set<string>();
    let parsed: DocumentNode;
    try {
      parsed = parse(document, { maxTokens: this.#maxTokens });
    } catch {
      return names; // the cache key is built before yoga parses the request: a bad one is answered with an error
    }
    visit(
      parsed,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const fieldType = typeInfo.getType();
          const type = getNamedType(fieldType);
          const objects = isObjectType(type) ? [type] : isAbstractType(type) ? schema.getPossibleTypes(type) : [];
          const list = isListType(getNullableType(fieldType));
          for (const object of objects) {
            names.add(object.name);
            if (list) names.add(`${object.name}Connection`);
          }
        },
      }),
    );
    return names;
  }
}

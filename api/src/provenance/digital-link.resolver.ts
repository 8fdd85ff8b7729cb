import { Inject, Injectable } from "@nestjs/common";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { DigitalLinkService } from "./digital-link.service.ts";
import type { ItemRow } from "./provenance.service.ts";

const digitalLinkTypeDefs = /* GraphQL */ `
  extend type Item {
    """
    The item's GS1 Digital Link on this API, {PUBLIC_URL}/01/{gtin}/10/{lot}, /01/{gtin}/21/{serial} or
    /00/{sscc}, which redirects to its trace page; null when its EPC is not an SGTIN, LGTIN or SSCC.
    """
    digitalLink: String
  }
`;

@GraphqlSchemaPart()
@Injectable()
export class DigitalLinkResolver implements SchemaPart {
  readonly typeDefs = digitalLinkTypeDefs;
  readonly resolvers;

  constructor(@Inject(DigitalLinkService) links: DigitalLinkService) {
    this.resolvers = { Item: { digitalLink: (item: ItemRow) => links.linkOf(item.epc) } };
  }
}

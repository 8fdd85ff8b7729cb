import type { ShippingDetails } from "../../sdk/metadata/shipping.ts";

/** The demo's merchants and products: realistic enough to search, filter and trace. */
export const DEMO_MERCHANTS = [
  {
    key: "alpine",
    name: "Alpine Coffee Roasters",
    description: "Small-batch roaster in Innsbruck sourcing directly from farms in Ethiopia and Colombia.",
    website: "https://alpine-coffee.example",
    paymentToken: "native" as const,
    products: [
      {
        title: "Yirgacheffe Single Origin, 1 kg",
        category: ["Food", "Coffee", "Beans"],
        price: "0.018",
        stock: 40,
        hue: 25,
        description: "Washed Ethiopian heirloom, light roast. Notes of jasmine, bergamot and lemon.",
        attributes: [
          ["Origin", "Ethiopia"],
          ["Roast", "Light"],
          ["Weight", "1 kg"],
        ],
      },
      {
        title: "Huila Espresso Blend, 500 g",
        category: ["Food", "Coffee", "Beans"],
        price: "0.009",
        stock: 60,
        hue: 15,
        description: "Colombian Huila with a touch of Brazil: chocolate, caramel, red apple.",
        attributes: [
          ["Origin", "Colombia"],
          ["Roast", "Medium-dark"],
          ["Weight", "500 g"],
        ],
      },
      {
        title: "Ceramic Pour-Over Dripper",
        category: ["Home", "Kitchen", "Coffee gear"],
        price: "0.012",
        stock: 15,
        hue: 200,
        description: "Hand-thrown stoneware dripper, fits size 02 filters.",
        attributes: [
          ["Material", "Stoneware"],
          ["Filter size", "02"],
        ],
      },
    ],
  },
  {
    key: "nordic",
    name: "Nordic Textiles",
    description: "Organic wool and linen goods woven in Tampere, Finland.",
    website: "https://nordic-textiles.example",
    paymentToken: "erc20" as const,
    products: [
      {
        title: "Merino Wool Blanket, Fjord Blue",
        category: ["Home", "Bedding", "Blankets"],
        price: "129",
        stock: 12,
        hue: 215,
        description: "Double-weave merino, 140 x 200 cm, mulesing-free wool.",
        attributes: [
          ["Material", "Merino wool"],
          ["Size", "140 x 200 cm"],
          ["Colour", "Fjord blue"],
        ],
      },
      {
        title: "Linen Tea Towels, Set of 3",
        category: ["Home", "Kitchen", "Textiles"],
        price: "24",
        stock: 80,
        hue: 95,
        description: "Stonewashed European flax linen, 50 x 70 cm.",
        attributes: [
          ["Material", "Linen"],
          ["Pieces", "3"],
        ],
      },
    ],
  },
] as const;

export const DEMO_SHIPPING: ShippingDetails = {
  recipient: "Ada Lovelace",
  addressLines: ["12 St James's Square"],
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};

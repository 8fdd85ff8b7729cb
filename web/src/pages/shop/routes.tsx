import type { RouteObject } from "react-router";
import { ProductPage } from "./ProductPage.tsx";
import { SearchPage } from "./SearchPage.tsx";

export const shopRoutes: RouteObject[] = [
  { index: true, element: <SearchPage /> },
  { path: "listing/:id", element: <ProductPage /> },
];

import type { RouteObject } from "react-router";
import { MerchantPage } from "./MerchantPage.tsx";

/** The merchant area: sales chart, orders to ship, low stock of the signed-in merchant. */
export const merchantRoutes: RouteObject[] = [{ path: "merchant", element: <MerchantPage /> }];

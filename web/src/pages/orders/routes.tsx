import type { RouteObject } from "react-router";
import { OrdersPage } from "./OrdersPage.tsx";

export const orderRoutes: RouteObject[] = [{ path: "orders", element: <OrdersPage /> }];

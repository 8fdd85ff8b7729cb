import { Command } from "commander";
import { ordersAcceptCommand, ordersRefundCommand, ordersRejectCommand, ordersShipCommand } from "./orders-act.ts";
import { ordersListCommand } from "./orders-list.ts";
import { ordersShowCommand } from "./orders-show.ts";
import { ordersWatchCommand } from "./orders-watch.ts";

export const ordersCommand = new Command("orders")
  .addCommand(ordersListCommand)
  .addCommand(ordersShowCommand)
  .addCommand(ordersWatchCommand)
  .addCommand(ordersAcceptCommand)
  .addCommand(ordersRejectCommand)
  .addCommand(ordersShipCommand)
  .addCommand(ordersRefundCommand);

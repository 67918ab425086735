import "../core/util/logger";

import type { ApiModule } from '../platform/http/app.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { fileRoutes } from './files/routes.js';
import { catalogueRoutes } from './catalogue/routes.js';
import { citizenRoutes } from './citizens/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { healthRoutes } from './health/routes.js';
import { matterRoutes } from './matters/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { orgRoutes } from './org/routes.js';
import { publicRoutes } from './public/routes.js';
import { territoryRoutes } from './territory/routes.js';
import { userRoutes } from './users/routes.js';

/** Every domain module's routes; the app registers exactly these. */
export const modules: ApiModule[] = [healthRoutes, authRoutes, territoryRoutes, orgRoutes, userRoutes, auditRoutes, fileRoutes, notificationRoutes, matterRoutes, catalogueRoutes, contactRoutes, citizenRoutes, publicRoutes];

import type { ApiModule } from '../platform/http/app.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { fileRoutes } from './files/routes.js';
import { catalogueRoutes } from './catalogue/routes.js';
import { citizenRoutes } from './citizens/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { disputeRoutes } from './disputes/routes.js';
import { disputeScreeningRoutes } from './disputes/screening-routes.js';
import { disputeMeetingRoutes } from './disputes/meeting-routes.js';
import { disputeFigureRoutes } from './disputes/figure-routes.js';
import { healthRoutes } from './health/routes.js';
import { matterRoutes } from './matters/routes.js';
import { moderationRoutes } from './matters/moderation-routes.js';
import { suggestCategoryRoutes } from './matters/suggest-routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { open311Routes } from './open311/routes.js';
import { orgRoutes } from './org/routes.js';
import { publicRoutes } from './public/routes.js';
import { publicFollowRoutes } from './public/follow-routes.js';
import { publicPhotoRoutes } from './public/photo-routes.js';
import { supervisionRoutes } from './supervision/routes.js';
import { territoryRoutes } from './territory/routes.js';
import { userRoutes } from './users/routes.js';

/** Every domain module's routes; the app registers exactly these. */
export const modules: ApiModule[] = [healthRoutes, authRoutes, territoryRoutes, orgRoutes, userRoutes, auditRoutes, fileRoutes, notificationRoutes, matterRoutes, catalogueRoutes, contactRoutes, citizenRoutes, publicRoutes, publicFollowRoutes, publicPhotoRoutes, suggestCategoryRoutes, moderationRoutes, supervisionRoutes, open311Routes, disputeRoutes, disputeScreeningRoutes, disputeMeetingRoutes, disputeFigureRoutes];

/**
 * Handlers of the school's own lists and of campaigns
 * (src-shared/api/marketing-methods.ts), typed against the contract's own subset.
 */
import type { marketingMethods } from '../../src-shared/api/marketing-methods';
import { createCampaign, deleteCampaign, listCampaigns, updateCampaign } from '../services/campaigns';
import { getSchoolLists, updateSchoolLists } from '../services/school-lists';
import type { Handlers } from './router';

export const marketingHandlers = {
  'schoolLists.get': (ctx) => getSchoolLists(ctx),
  'schoolLists.update': updateSchoolLists,
  'campaigns.list': listCampaigns,
  'campaigns.create': createCampaign,
  'campaigns.update': updateCampaign,
  'campaigns.delete': deleteCampaign,
} satisfies Pick<Handlers, keyof typeof marketingMethods>;

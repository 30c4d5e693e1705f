"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { saveCsatSettings } from "@/lib/csat/save-settings";
import {
  createCannedReply,
  createLabel,
  deleteCannedReply,
  deleteLabel,
  updateCannedReply,
  updateLabel,
} from "@/lib/inbox/inbox-tools";
import { csatSettingsInput } from "@/lib/validations/csat";
import {
  cannedReplyFields,
  itemRef,
  labelFields,
  updateCannedReplyInput,
  updateLabelInput,
} from "@/lib/validations/inbox-tools";

const manage = "inbox.manage";

export const createCannedReplyAction = workspaceAction(
  manage,
  cannedReplyFields,
  createCannedReply,
);
export const updateCannedReplyAction = workspaceAction(
  manage,
  updateCannedReplyInput,
  updateCannedReply,
);
export const deleteCannedReplyAction = workspaceAction(manage, itemRef, deleteCannedReply);
export const createLabelAction = workspaceAction(manage, labelFields, createLabel);
export const updateLabelAction = workspaceAction(manage, updateLabelInput, updateLabel);
export const deleteLabelAction = workspaceAction(manage, itemRef, deleteLabel);
export const saveCsatSettingsAction = workspaceAction(manage, csatSettingsInput, saveCsatSettings);

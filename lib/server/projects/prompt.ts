import { generateSystemPrompt } from "../../prompt";
import { activeCatalogue } from "./catalogue";

export async function projectPrompt(projectId: string) {
  const { project, tools, prompt } = await activeCatalogue(projectId);
  const generated = generateSystemPrompt(project, tools);
  return { prompt, generated, overridden: prompt !== generated };
}

import { ProjectsPage } from "@/components/projects/ProjectsPage";
import { requireSignedIn } from "@/lib/server/auth/page";

export default async function Page() {
  await requireSignedIn();
  return <ProjectsPage />;
}

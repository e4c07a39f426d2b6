import { ProjectsPage } from "@/components/projects/ProjectsPage";

export default function Page() {
  return <ProjectsPage />;
}

using System.Reflection;
using System.Xml.Linq;
using CleanChat.Application;
using CleanChat.Domain.Chats;
using CleanChat.Infrastructure.Persistence;

namespace CleanChat.ArchitectureTests;

/// <summary>The dependency rule: WebApi → Infrastructure → Application → Domain, and the Domain depends on nothing but guard clauses.</summary>
public class LayerTests
{
    private static readonly Assembly Domain = typeof(Chat).Assembly;
    private static readonly Assembly Application = typeof(ApplicationAssembly).Assembly;
    private static readonly Assembly Infrastructure = typeof(ChatDbContext).Assembly;

    [Fact]
    public void Domain_references_only_the_base_class_library_and_guard_clauses()
    {
        References(Domain).ShouldAllBe(name => IsBaseClassLibrary(name) || name == "Ardalis.GuardClauses");
    }

    [Fact]
    public void Domain_project_declares_no_reference_but_guard_clauses()
    {
        var project = XDocument.Load(ProjectFile("src/Domain/CleanChat.Domain.csproj"));

        project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => e.Attribute("Include")?.Value).ShouldBe(new[] { "Ardalis.GuardClauses" });
    }

    [Fact]
    public void Application_references_only_the_domain_and_its_own_libraries()
    {
        var allowed = new[] { "CleanChat.Domain", "MediatR", "FluentValidation", "Scrutor", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions." };

        References(Application)
            .Where(name => !IsBaseClassLibrary(name))
            .ShouldAllBe(name => allowed.Any(prefix => name.StartsWith(prefix)) && !name.Contains("Sqlite") && !name.StartsWith("Microsoft.EntityFrameworkCore.Relational"));
    }

    [Fact]
    public void Application_project_references_no_outer_layer_or_web_framework()
    {
        var project = XDocument.Load(ProjectFile("src/Application/CleanChat.Application.csproj"));
        var includes = project.Descendants().Select(e => e.Attribute("Include")?.Value).OfType<string>().ToList();

        includes.ShouldNotContain(i => i.Contains("Infrastructure") || i.Contains("WebApi") || i.StartsWith("Microsoft.AspNetCore") || i.Contains("Sqlite"));
    }

    [Fact]
    public void Infrastructure_does_not_reference_the_web_layer()
    {
        References(Infrastructure).ShouldNotContain("CleanChat.WebApi");
    }

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    private static bool IsBaseClassLibrary(string name) => name.StartsWith("System") || name is "netstandard" or "mscorlib";

    private static string ProjectFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CleanChat.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("CleanChat.sln not found above the test output."), relative);
    }
}

using System.Net;
using System.Net.Http.Json;
using CleanChat.WebApi.FunctionalTests.Infrastructure;

namespace CleanChat.WebApi.FunctionalTests.Dialects;

/// <summary>A school's admin assigns, shows and removes mentors; nobody else, and never across schools.</summary>
public class MentorAssignmentTests : IClassFixture<RealtimeFactory>
{
    private readonly RealtimeFactory _factory;

    public MentorAssignmentTests(RealtimeFactory factory) => _factory = factory;

    [Fact]
    public async Task An_admin_assigns_shows_and_removes_a_students_mentor()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var url = $"/api/v1/students/{school.Student.Id}/mentor";
        (await school.World.Admin.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var assigned = await school.AssignMentorAsync(school.Student, school.Teacher);

        assigned.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = await (await school.World.Admin.Client.GetAsync(url)).ReadJsonAsync();
        shown["customer_id"]!.GetValue<long>().ShouldBe(school.Student.Id);
        shown["mentor"]!["user_id"]!.GetValue<long>().ShouldBe(school.Teacher.Id);
        shown["mentor"]!["job_title"]!.GetValue<string>().ShouldBe("teacher");
        shown["mentor"]!["name"]!.GetValue<string>().ShouldStartWith("teacher");

        (await school.World.Admin.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await school.World.Admin.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await school.World.Admin.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_schools_teachers_and_trainers_can_mentor_and_other_schools_see_nothing()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var otherSchoolTeacher = await school.CreateStaffAsync("teacher", school.World.OtherSalonAdmin);
        var url = $"/api/v1/students/{school.Student.Id}/mentor";

        (await school.AssignMentorAsync(school.Student, otherSchoolTeacher)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var noTitle = await school.AssignMentorAsync(school.Student, school.World.Staff);
        noTitle.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noTitle.ReadJsonAsync())["errors"]!["user_id"].ShouldNotBeNull();
        (await school.World.Admin.Client.PutAsJsonAsync("/api/v1/students/999999999/mentor", new { user_id = school.Teacher.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await school.World.Admin.Client.PutAsJsonAsync(url, new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await school.AssignMentorAsync(school.Student, school.Teacher);
        (await school.World.OtherSalonAdmin.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await school.World.OtherSalonAdmin.Client.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await school.World.OtherSalonAdmin.Client.PutAsJsonAsync(url, new { user_id = school.Teacher.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_who_are_not_admins_and_customers_may_not_manage_mentors()
    {
        var school = await MentoringWorld.CreateAsync(_factory);
        var url = $"/api/v1/students/{school.Student.Id}/mentor";

        (await school.Teacher.Client.PutAsJsonAsync(url, new { user_id = school.Teacher.Id })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await school.Student.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await school.World.Anonymous.DeleteAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_are_created_with_a_job_title_and_an_unknown_title_is_refused()
    {
        var school = await MentoringWorld.CreateAsync(_factory);

        var refused = await school.World.Admin.Client.PostAsJsonAsync("/api/v1/staff", new { email = $"x-{Guid.NewGuid():N}@school.test", password = TestWorld.Password, name = "X", job_title = "principal" });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var plain = await (await school.World.Admin.Client.PostAsJsonAsync("/api/v1/staff", new { email = $"y-{Guid.NewGuid():N}@school.test", password = TestWorld.Password, name = "Y" })).ReadJsonAsync();
        plain["job_title"].ShouldBeNull();
    }
}

using Parley.Mail.Messages;

namespace Parley.Mail.Tests.Parsing;

/// <summary>Mail's one HTML-to-text rendering, used by Modmail (ticket text) and Triage (what rules and the LLM read).</summary>
public sealed class HtmlTextTests
{
    [Fact]
    public void Blocks_breaks_lists_and_links_are_kept_and_scripts_styles_and_comments_dropped()
    {
        var html = "<html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden --><h1>News</h1>"
                   + "<p>Hello&nbsp;team &amp; friends,</p><p>see <a href=\"https://example.test/x\">this page</a><br/>thanks</p>"
                   + "<ul><li>one</li><li>two</li></ul><script>alert('x')</script><div>   spaced    out   </div></body></html>";
        Assert.Equal("News\n\nHello team & friends,\n\nsee this page (https://example.test/x)\nthanks\n\n- one\n- two\n\nspaced out", HtmlText.ToPlain(html));
    }

    [Fact]
    public void A_link_whose_text_is_its_address_is_not_repeated_and_plain_text_passes_through()
    {
        Assert.Equal("https://example.test/a", HtmlText.ToPlain("<a href=\"https://example.test/a\">https://example.test/a</a>"));
        Assert.Equal("just text", HtmlText.ToPlain("just text"));
        Assert.Equal("", HtmlText.ToPlain(""));
        // Source line breaks are spaces, as in a browser, except inside pre (every line is trimmed).
        Assert.Equal("one two\n\nkeep\nthis", HtmlText.ToPlain("<p>one\ntwo</p><pre>keep\n  this</pre>"));
    }

    [Fact]
    public void A_pathological_document_finishes_quickly()
    {
        var html = string.Concat(Enumerable.Repeat("<a href=\"https://x.test/", 20_000));
        var started = System.Diagnostics.Stopwatch.StartNew();
        HtmlText.ToPlain(html);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }
}

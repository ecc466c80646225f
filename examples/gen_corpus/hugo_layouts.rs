//! The Hugo layouts: minimal templates that render what vial's default
//! theme renders, so that both tools do the same work per page.
//!
//! Both render: product pages with the usage card, a side-by-side
//! comparison table of 4 products of the category (vial: the product and
//! its 3 most similar; here: the product's neighbours in name order), up to
//! 6 related products and 12 more of the category; category pages with
//! their traits and a comparison table paginated 50 products a page;
//! taxonomy term pages (brands, concerns, actives: strongest first, and
//! the wide shape's claims, also chips on product pages) with
//! products and the term's guides paginated 100 a page side by side; term
//! lists; the guide list, 100 a page; guides with their products; the
//! serum-vs-ampoule page; a home page; and in guides, links to products and
//! (classic shape) `compare` and `usage` blocks, which are shortcodes here.
//!
//! vial does what these templates do not: "mentioned in" backlinks on
//! product and guide pages (from its link index), related products ranked
//! by shared terms, strengths and specs (with the reasons shown; here: the
//! first products of each of the product's concerns and actives), sortable
//! comparison tables with the page's product first, a table of contents in
//! guides, a /compare/ index, a search box and a
//! chunked search index, Atom feeds, a sitemap, robots.txt, the JSON
//! exports, JSON-LD and share tags in every page's head, fingerprinted
//! assets, responsive pictures (`--images`; the Hugo copy has none), and it
//! checks every link (an unknown `[[slug]]` is an error).
//!
//! Hugo does what vial does not: a redirect page for page 1 of every
//! paginated list; it rewrites every file on every build.

/// Minimal templates that render what vial's default theme renders.
pub const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body class="page-{{ .Kind }}">
<header class="site-header"><a class="site-title" href="/">{{ site.Title }}</a>
<nav><ul>{{ range slice "products" "categories" "guides" "concerns" "actives" "brands" }}<li><a href="/{{ . }}/">{{ humanize . }}</a></li>{{ end }}</ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ site.Title }} — {{ site.Params.description }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "partials/product_list.html",
        r#"<ul class="product-list">
{{ range . }}{{ $cat := index .Params.categories 0 }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
    <span class="meta">{{ .Params.brand }} · <a href="/categories/{{ $cat }}/">{{ humanize $cat }}</a></span>
    {{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
  </li>
{{ end }}
</ul>
"#,
    ),
    (
        "partials/usage_card.html",
        r#"{{ $u := .Params.usage }}{{ $label := humanize $u.step }}
<aside class="usage-card">
  <h2 class="usage-title">How to use <a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <dl class="usage-facts">
    <div><dt>How often</dt><dd>{{ $u.frequency }}</dd></div>
    <div><dt>Time of day</dt><dd>{{ range $i, $t := $u.time }}{{ if $i }} and {{ end }}<span class="time time-{{ $t }}">{{ if eq $t "am" }}Morning{{ else }}Evening{{ end }}</span>{{ end }}</dd></div>
    <div><dt>Routine step</dt><dd>{{ $label }}</dd></div>
  </dl>
  <ol class="routine">
  {{ if eq $u.position "first" }}<li class="here"><strong>{{ $label }} ({{ .Title }})</strong></li>{{ end }}
  {{ range site.Params.routine.steps }}{{ if and (eq . $u.step) (not $u.position) }}<li class="here"><strong>{{ humanize . }}</strong></li>{{ else }}<li>{{ humanize . }}</li>{{ end }}
  {{ end }}
  {{ if eq $u.position "last" }}<li class="here"><strong>{{ $label }} ({{ .Title }})</strong></li>{{ end }}
  </ol>
  {{ if eq $u.position "last" }}<p class="usage-position">Goes on as the very last step, over everything else.</p>{{ end }}
  {{ if eq $u.position "first" }}<p class="usage-position">Goes on first, before the rest of the routine.</p>{{ end }}
  {{ with $u.instructions }}<div class="usage-instructions">{{ . | markdownify }}</div>{{ end }}
  {{ $rem := slice }}{{ range $u.time }}{{ $rem = $rem | append (index site.Params.routine.reminders .) }}{{ end }}
  {{ with $rem }}<ul class="usage-reminders">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
  {{ with $u.cautions }}<div class="usage-cautions"><h3>Cautions</h3><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></div>{{ end }}
</aside>
"#,
    ),
    (
        // dict "pages" Pages "caption" string. A column per product up to
        // sideBySideMax products, a row per product above; cells whose
        // field differs between products are marked, as vial does. Each
        // row is wrapped in a dict: newer Hugo (0.168) flattens a slice
        // appended to an empty slice, which would merge the rows.
        "partials/comparison.html",
        r#"{{- $pages := .pages -}}
{{- $current := .current | default "" -}}
{{- $grid := slice -}}
{{- range $p := $pages -}}
{{- $row := slice -}}
{{- range site.Params.specs -}}
{{- $v := index $p.Params.specs .key -}}
{{- $s := "—" -}}
{{- if eq $v nil }}{{ else if eq .type "bool" }}{{ $s = cond $v "Yes" "No" }}{{ else if eq .type "list" }}{{ $s = string (delimit $v ", ") }}{{ else }}{{ $s = string $v }}{{ end -}}
{{- $row = $row | append $s -}}
{{- end -}}
{{- $u := $p.Params.usage -}}
{{- $row = $row | append $u.frequency -}}
{{- $times := slice }}{{ range $u.time }}{{ $times = $times | append (cond (eq . "am") "Morning" "Evening") }}{{ end -}}
{{- $row = $row | append (string (delimit $times " & ")) -}}
{{- $step := humanize $u.step }}{{ with $u.position }}{{ $step = printf "%s (%s)" $step . }}{{ end -}}
{{- $row = $row | append $step -}}
{{- $grid = $grid | append (dict "cells" $row) -}}
{{- end -}}
{{- $labels := slice -}}
{{- range site.Params.specs }}{{ $labels = $labels | append (cond (isset . "unit") (printf "%s (%s)" .label (.unit | default "")) .label) }}{{ end -}}
{{- $labels = $labels | append (slice "How often" "Time of day" "Routine step") -}}
{{- $differs := slice -}}
{{- range $i, $l := $labels -}}
{{- $col := slice }}{{ range $grid }}{{ $col = $col | append (index .cells $i) }}{{ end -}}
{{- $differs = $differs | append (gt (len (uniq $col)) 1) -}}
{{- end -}}
<div class="table-scroll">
<table class="comparison">
  <caption>{{ .caption }}</caption>
{{- if le (len $pages) site.Params.sideBySideMax -}}
  <thead><tr><th scope="col">Product</th>{{ range $pages }}<th scope="col"{{ if eq .RelPermalink $current }} class="current" aria-current="page"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a><span class="note">{{ .Params.brand }}</span></th>{{ end }}</tr></thead>
  <tbody>
{{- range $i, $l := $labels }}{{ $d := index $differs $i -}}
    <tr><th scope="row">{{ $l }}</th>{{ range $grid }}<td{{ if $d }} class="differs"{{ end }}>{{ index .cells $i }}</td>{{ end }}</tr>
{{- end -}}
  </tbody>
{{- else -}}
  <thead><tr><th scope="col">Product</th>{{ range $labels }}<th scope="col">{{ . }}</th>{{ end }}</tr></thead>
  <tbody>
{{- range $j, $p := $pages }}{{ $row := (index $grid $j).cells -}}
    <tr><th scope="row"{{ if eq $p.RelPermalink $current }} class="current" aria-current="page"{{ end }}><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a><span class="note">{{ $p.Params.brand }}</span></th>{{ range $i, $c := $row }}<td{{ if index $differs $i }} class="differs"{{ end }}>{{ $c }}</td>{{ end }}</tr>
{{- end -}}
  </tbody>
{{- end -}}
</table>
</div>
"#,
    ),
    (
        "products/single.html",
        r#"{{ define "main" }}{{ $cat := index .Params.categories 0 }}{{ $catName := humanize $cat }}
<article class="product">
  <header class="page-header">
    <p class="breadcrumb"><a href="/categories/{{ $cat }}/">{{ $catName }}</a></p>
    <h1>{{ .Title }}</h1>
    <p class="byline">by <a href="/brands/{{ urlize .Params.brand }}/">{{ .Params.brand }}</a></p>
    {{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
  </header>
  <div class="product-main">
    <div class="prose">{{ .Content }}</div>
    <section class="actives"><h2>Actives</h2><ul class="chips">
    {{ range .Params.active_strengths }}<li><a href="/actives/{{ urlize .name }}/">{{ .name }}</a>{{ with .percent }} <span class="strength">{{ . }}%</span>{{ end }}</li>{{ end }}
    </ul></section>
    <section class="concerns"><h2>Concerns</h2><ul class="chips">
    {{ range .Params.concerns }}<li><a href="/concerns/{{ urlize . }}/">{{ . }}</a></li>{{ end }}
    </ul></section>{{ with .Params.claims }}<section class="claims"><h2>Claims</h2><ul class="chips">{{ range . }}<li><a href="/claims/{{ urlize . }}/">{{ . }}</a></li>{{ end }}</ul></section>{{ end }}
    <section class="specs"><h2>Specs</h2><dl class="spec-list">
    {{ $specs := .Params.specs }}
    {{ range site.Params.specs }}{{ $v := index $specs .key }}{{ if ne $v nil }}<div><dt>{{ .label }}</dt><dd>{{ if eq .type "bool" }}{{ cond $v "Yes" "No" }}{{ else if eq .type "list" }}{{ delimit $v ", " }}{{ else }}{{ $v }}{{ end }}{{ with .unit }} {{ . }}{{ end }}</dd></div>{{ end }}{{ end }}
    </dl></section>
  </div>
  <div class="product-side" id="usage">{{ partial "usage_card.html" . }}</div>
  {{ $members := (index site.Taxonomies.categories $cat).Pages }}
  {{ $n := len $members }}
  {{ $pos := sub .Weight 1 }}
  {{ $start := sub $pos 2 }}{{ if gt $start (sub $n 4) }}{{ $start = sub $n 4 }}{{ end }}{{ if lt $start 0 }}{{ $start = 0 }}{{ end }}
  {{ $neighbours := first 4 (after $start $members) }}
  {{ if gt (len $neighbours) 1 }}
  <section class="product-comparison"><h2>Compared with similar products</h2>
    {{ partial "comparison.html" (dict "pages" $neighbours "current" .RelPermalink "caption" (printf "%s next to other %s products" .Title (lower $catName))) }}
    <p><a href="/categories/{{ $cat }}/">Compare every {{ lower $catName }} →</a></p>
  </section>
  {{ end }}
  {{ $related := slice }}
  {{ $self := .Permalink }}
  {{ range .Params.concerns }}{{ $taken := 0 }}{{ range first 12 (index site.Taxonomies.concerns (urlize .)).Pages }}{{ if and (lt $taken 2) (lt (len $related) 6) (ne .Params.category $cat) (ne .Permalink $self) (not (in $related .)) }}{{ $related = $related | append . }}{{ $taken = add $taken 1 }}{{ end }}{{ end }}{{ end }}
  {{ range .Params.actives }}{{ $taken := 0 }}{{ range first 12 (index site.Taxonomies.actives (urlize .)).Pages }}{{ if and (lt $taken 2) (lt (len $related) 6) (ne .Params.category $cat) (ne .Permalink $self) (not (in $related .)) }}{{ $related = $related | append . }}{{ $taken = add $taken 1 }}{{ end }}{{ end }}{{ end }}
  {{ with $related }}<section class="related"><h2>Shares a concern or an active</h2>{{ partial "product_list.html" . }}</section>{{ end }}
  {{ $same := slice }}
  {{ $from := sub $pos 6 }}{{ if gt $from (sub $n 13) }}{{ $from = sub $n 13 }}{{ end }}{{ if lt $from 0 }}{{ $from = 0 }}{{ end }}
  {{ range first 13 (after $from $members) }}{{ if and (lt (len $same) 12) (ne .Permalink $.Permalink) }}{{ $same = $same | append . }}{{ end }}{{ end }}
  {{ with $same }}<section class="same-category"><h2>More in {{ $catName }}</h2>{{ partial "product_list.html" . }}</section>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "categories/term.html",
        r#"{{ define "main" }}
<article class="category">
  <header class="page-header"><p class="breadcrumb"><a href="/categories/">Categories</a></p><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}</header>
  <div class="prose">{{ .Content }}</div>
  <section class="traits"><h2>At a glance</h2><dl class="spec-list">{{ range .Params.traits }}<div><dt>{{ .name }}</dt><dd>{{ .value }}</dd></div>{{ end }}</dl>
  {{ if in (slice "serum" "ampoule") (urlize .Title) }}<p><a class="button" href="/compare/serum-vs-ampoule/">Serum vs Ampoule</a></p>{{ end }}</section>
  {{ $all := .Pages }}{{ $count := len $all }}
  <section class="category-products"><h2>{{ $count }} product{{ if ne $count 1 }}s{{ end }}</h2>
  {{ if le $count site.Params.sideBySideMax }}
    {{ partial "comparison.html" (dict "pages" $all "caption" (printf "%s compared" .Title)) }}
  {{ else }}
    {{ $pager := .Paginate $all }}
    {{ $caption := printf "%s compared" .Title }}{{ if gt $pager.TotalPages 1 }}{{ $caption = printf "%s compared (page %d of %d)" .Title $pager.PageNumber $pager.TotalPages }}{{ end }}
    {{ partial "comparison.html" (dict "pages" $pager.Pages "caption" $caption) }}
    {{ if gt $pager.TotalPages 1 }}
    <nav class="pagination">
      {{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}
      {{ range $pager.Pagers }}{{ if eq .PageNumber $pager.PageNumber }}<span aria-current="page">{{ .PageNumber }}</span>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }} {{ end }}
      {{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}
    </nav>
    {{ end }}
  {{ end }}
  </section>
</article>
{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}
<article class="taxon">
  <header class="page-header"><p class="breadcrumb"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p><h1>{{ .Title }}</h1></header>
  {{ $products := where .Pages "Section" "products" }}
  {{ $sorted := $products.ByTitle }}
  {{ $key := printf "pct_%s" (replace (urlize .Title) "-" "_") }}
  {{ if eq .Data.Plural "actives" }}{{ $sorted = sort $products (printf "Params.%s" $key) "desc" }}{{ end }}
  {{ $pager := .Paginate $sorted 100 }}
  <section><h2>{{ len $products }} products{{ if eq .Data.Plural "actives" }}, strongest first{{ end }}</h2>
  {{ if eq .Data.Plural "actives" }}<ul class="product-list">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with index .Params $key }} <span class="strength">{{ . }}%</span>{{ end }} <span class="meta">{{ .Params.brand }} · <a href="/categories/{{ .Params.category }}/">{{ humanize .Params.category }}</a></span>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
  {{ else }}{{ partial "product_list.html" $pager.Pages }}{{ end }}
  {{ if gt $pager.TotalPages 1 }}<nav class="pagination">{{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}{{ range $pager.Pagers }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}</nav>{{ end }}
  </section>
  {{/* The term's guides, 100 a page beside its products, as vial pages them (vial also makes more pages when a term has more guides than products; none has here). */}}
  {{ with first 100 (after (mul (sub $pager.PageNumber 1) 100) (where .Pages "Section" "guides")) }}<section><h2>Guides</h2><ul class="guide-list">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "_default/terms.html",
        r#"{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
<ul class="term-list">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
{{ if eq .Section "products" }}
  {{ $pager := .Paginate .Pages.ByTitle 100 }}
  {{ partial "product_list.html" $pager.Pages }}
  {{ if gt $pager.TotalPages 1 }}<nav class="pagination">{{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}{{ range $pager.Pagers }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}</nav>{{ end }}
{{ else }}
  {{ $pager := .Paginate .Pages.ByDate.Reverse 100 }}
  <ul class="guide-list">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
  {{ if gt $pager.TotalPages 1 }}<nav class="pagination">{{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">← Previous</a>{{ end }}{{ range $pager.Pagers }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Next →</a>{{ end }}</nav>{{ end }}
{{ end }}
{{ end }}
"#,
    ),
    (
        "guides/single.html",
        r#"{{ define "main" }}
<article class="guide">
  <header class="page-header">
    <p class="breadcrumb"><a href="/guides/">Guides</a></p>
    <h1>{{ .Title }}</h1>
    {{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
    <p class="meta">{{ .Params.author }} · <time>{{ .Date.Format "2006-01-02" }}</time>{{ if ne .Lastmod .Date }} · updated <time>{{ .Lastmod.Format "2006-01-02" }}</time>{{ end }}</p>
    <ul class="chips">{{ range .Params.concerns }}<li><a href="/concerns/{{ urlize . }}/">{{ . }}</a></li>{{ end }}</ul>
  </header>
  <div class="prose">{{ .Content }}</div>
  {{ $products := slice }}{{ range .Params.products }}{{ with site.GetPage (printf "/products/%s" .) }}{{ $products = $products | append . }}{{ end }}{{ end }}
  {{ with $products }}<section class="guide-products"><h2>Products in this guide</h2>{{ partial "product_list.html" . }}</section>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "compare/compare.html",
        r#"{{ define "main" }}
{{ $left := site.GetPage (printf "/categories/%s" .Params.left) }}{{ $right := site.GetPage (printf "/categories/%s" .Params.right) }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
<table class="comparison"><caption>{{ $left.Title }} vs {{ $right.Title }}</caption>
<thead><tr><th>Category</th><th><a href="{{ $left.RelPermalink }}">{{ $left.Title }}</a></th><th><a href="{{ $right.RelPermalink }}">{{ $right.Title }}</a></th></tr></thead>
<tbody>
{{ range $left.Params.traits }}{{ $n := .name }}<tr><th>{{ .name }}</th><td>{{ .value }}</td><td>{{ $v := "—" }}{{ range $right.Params.traits }}{{ if eq .name $n }}{{ $v = .value }}{{ end }}{{ end }}{{ $v }}</td></tr>{{ end }}
<tr><th>Products on this site</th><td>{{ len $left.Pages }}</td><td>{{ len $right.Pages }}</td></tr>
</tbody></table>
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
<section class="hero"><h1>{{ site.Title }}</h1><p>{{ site.Params.description }}</p><p>{{ len (where site.RegularPages "Section" "products") }} products</p></section>
<section><h2>Categories</h2><ul>{{ range site.Taxonomies.categories.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Page.Params.summary }} ({{ .Count }})</li>{{ end }}</ul></section>
<section><h2>Latest guides</h2><ul>{{ range first 6 (where site.RegularPages "Section" "guides").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}<h1>Page not found</h1><p><a href="/">Home</a></p>{{ end }}
"#,
    ),
    (
        "shortcodes/compare.html",
        r#"{{ $pages := slice }}{{ range .Params }}{{ with site.GetPage (printf "/products/%s" .) }}{{ $pages = $pages | append . }}{{ end }}{{ end }}{{ partial "comparison.html" (dict "pages" $pages "caption" "Products compared") }}"#,
    ),
    (
        "shortcodes/usage.html",
        r#"{{ with site.GetPage (printf "/products/%s" (.Get 0)) }}{{ partial "usage_card.html" . }}{{ end }}"#,
    ),
];
